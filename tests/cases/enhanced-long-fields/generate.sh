# Text, reference, description and a subject title of 4095 bytes, the
# longest C99 promises for a string literal: each is carried; the sample
# text, which a reply line carries, draws the reply-line warning.
python3 - <<'PY'
long = ("Long text. " * 400)[:4095]
with open("enhanced.csv", "w", newline="") as f:
    f.write("name,subject,detail,text,basic_codes,reference,deprecated,replaced_by,description\n")
    f.write(f"BAD_MAILBOX,1,1,{long},451 550,{long},,,{long}\n")
with open("subcodes.csv", "w", newline="") as f:
    f.write("kind,code,name,title\nclass,2,SUCCESS,Success\nclass,4,TRANSIENT,Transient\n"
            f"class,5,PERMANENT,Permanent\nsubject,1,ADDRESSING,{long}\n")
PY
