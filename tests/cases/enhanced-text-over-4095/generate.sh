# The text of an enhanced code (or a subject's title) one byte over the
# 4095 C99 promises for a string literal: an error naming the row.
python3 - <<'PY'
ok = "Short."
long = ("Long text. " * 400)[:4096]
f = dict(text=ok, reference=ok, description=ok, title=ok)
f["text"] = long
with open("enhanced.csv", "w", newline="") as out:
    out.write("name,subject,detail,text,basic_codes,reference,deprecated,replaced_by,description\n")
    out.write("BAD_MAILBOX,1,1,%s,451 550,%s,,,%s\n" % (f["text"], f["reference"], f["description"]))
with open("subcodes.csv", "w", newline="") as out:
    out.write("kind,code,name,title\nclass,2,SUCCESS,Success\nclass,4,TRANSIENT,Transient\n"
              "class,5,PERMANENT,Permanent\nsubject,1,ADDRESSING,%s\n" % f["title"])
PY
