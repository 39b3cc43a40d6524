# A name of 4095 characters (the longest taken), twice: the message quotes
# its start.
python3 -c 'print("name,code,description\n" + "A" * 4095 + ",421,x\n" + "A" * 4095 + ",450,y")' > replies.csv
