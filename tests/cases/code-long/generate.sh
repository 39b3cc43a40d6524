# A bad code longer than the error text: the message quotes its start.
python3 -c 'print("name,code,description\nA,4" + "2" * 5000 + ",x")' > replies.csv
