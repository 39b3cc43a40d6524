# A row whose description is 4 MiB long, with a stray quote at its end: the
# reader must report the byte column past 4 MiB, in linear time.
python3 -c '
import sys
sys.stdout.write("name,code,description\nA,421," + "x. " * ((4 << 20) // 3) + "\"\n")
' > replies.csv
