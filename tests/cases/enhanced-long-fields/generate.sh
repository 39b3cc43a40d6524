# Text, reference, description and a subject title of 4095 bytes, the
# longest C99 promises for a string literal: each is carried; the sample
# text, which a reply line carries, draws the reply-line warning.
python3 "$CASES/long_enhanced.py" 4095 text reference description title
