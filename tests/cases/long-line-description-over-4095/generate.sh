# A description of 4 MiB, quoted, with commas and doubled quotes: it is
# read in time linear in its size (libcsv grows its
# field buffer in fixed steps unless told otherwise), then refused as too long.
python3 -c '
import sys
sys.stdout.write("name,code,description\nLONG,421,\"" + "x, \"\"y\"\" <z> \\\\ " * (4 << 16) + "\"\n")
' > replies.csv
