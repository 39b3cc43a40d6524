# A bad name longer than the error text: the message quotes its start and
# still says what is wrong.
python3 -c 'print("name,code,description\n" + "a\u00e9" * 2000 + ",421,x")' > replies.csv
