# French spacing for the French catalogue (make messages runs it through msgfilter): the
# source strings are typed with ordinary spaces, the pages get the non-breaking ones that
# reemploi/typography.py puts in texts from the database. The English catalogue keeps none.
# A no-break space before a colon and inside guillemets:
s/ :/ :/g
s/« /« /g
s/ »/ »/g
# A narrow one before ; ? ! and between the thousands of a number (2 000, 100 000):
s/ \([;?!]\)/ \1/g
s/\([0-9]\) \([0-9][0-9][0-9]\)\b/\1 \2/g
