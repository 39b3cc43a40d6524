# The title of an enhanced code (or a subject's title) one byte over the
# 4095 C99 promises for a string literal: an error naming the row.
python3 "$CASES/long_enhanced.py" 4096 title
