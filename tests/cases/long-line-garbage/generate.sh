# A first line of 6 MiB of printable garbage (letters, blanks, commas and
# multi-byte characters from a fixed pseudo-random sequence) and no line
# break: all of it is read, then the header is refused at its first column.
python3 -c '
import random, sys
r = random.Random(5)
alphabet = list("abcXYZ019 ,;_-") + ["\u00e9", "\u4e2d", "\U0001f600"]
sys.stdout.write("".join(r.choices(alphabet, k=3 << 20)))
' > replies.csv
