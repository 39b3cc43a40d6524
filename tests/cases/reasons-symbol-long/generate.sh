# A bad symbol longer than the error text: the message quotes its start.
python3 -c 'print("name,symbol,code,description\nA," + "4XX_ " * 2000 + ",421,x")' > reasons.csv
