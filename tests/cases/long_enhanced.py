#!/usr/bin/env python3
"""Writes enhanced.csv and subcodes.csv into the current folder for the
cases about long enhanced-code fields: each FIELD named (text, reference,
description, title) is SIZE bytes of "Long text. ", the others "Short.".
Run by those cases' generate.sh as python3 "$CASES/long_enhanced.py" ...
usage: long_enhanced.py SIZE FIELD..."""
import sys

size, fields = int(sys.argv[1]), sys.argv[2:]
long = ("Long text. " * (size // 11 + 1))[:size]
f = {name: long if name in fields else "Short." for name in
     ("text", "reference", "description", "title")}
with open("enhanced.csv", "w", newline="") as out:
    out.write("name,subject,detail,text,basic_codes,reference,deprecated,replaced_by,description\n")
    out.write("BAD_MAILBOX,1,1,%s,451 550,%s,,,%s\n" % (f["text"], f["reference"],
                                                      f["description"]))
with open("subcodes.csv", "w", newline="") as out:
    out.write("kind,code,name,title\nclass,2,SUCCESS,Success\nclass,4,TRANSIENT,Transient\n"
              "class,5,PERMANENT,Permanent\nsubject,1,ADDRESSING,%s\n" % f["title"])
