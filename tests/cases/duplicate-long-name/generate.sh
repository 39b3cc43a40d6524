# A name of 10000 characters, twice: the message quotes its start.
python3 -c 'print("name,code,description\n" + "A" * 10000 + ",421,x\n" + "A" * 10000 + ",450,y")' > replies.csv
