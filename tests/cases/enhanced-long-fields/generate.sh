# Text, reference and a subject title over C99's 4095-byte string literal:
# each is carried, with a warning naming it.
python3 - <<'PY'
long = " ".join(["Long text."] * 420)
with open("enhanced.csv", "w", newline="") as f:
    f.write("name,subject,detail,text,basic_codes,reference,deprecated,replaced_by,description\n")
    f.write(f"BAD_MAILBOX,1,1,{long},451 550,{long},,,{long}\n")
with open("subcodes.csv", "w", newline="") as f:
    f.write("kind,code,name,title\nclass,2,SUCCESS,Success\nclass,4,TRANSIENT,Transient\n"
            f"class,5,PERMANENT,Permanent\nsubject,1,ADDRESSING,{long}\n")
PY
