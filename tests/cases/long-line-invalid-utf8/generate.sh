# A quoted description of 5 MiB of two-byte characters (commas and doubled
# quotes among them) that ends in a byte that is not UTF-8.
python3 -c '
import sys
sys.stdout.buffer.write(b"name,symbol,code,description\nA,4XX_A,421,\"" + "é,\"\"".encode() * (5 << 18) + b"\xff\"\n")
' > reasons.csv
