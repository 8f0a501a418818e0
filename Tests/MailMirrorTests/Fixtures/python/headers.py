#!/usr/bin/env python3
"""Subject, sender address and date of each message file named on the command line, as Python's email
package reads them (policy.default: RFC 2047 decoded, unfolded), one JSON object per file on stdout.
Used by PythonEmailDifferentialTests as the reference."""
import email, email.utils, json, sys
from email import policy

out = {}
for path in sys.argv[1:]:
    with open(path, 'rb') as f:
        msg = email.message_from_binary_file(f, policy=policy.default)
    row = {'subject': None, 'from': None, 'date': None}
    try:
        if msg['subject'] is not None:
            row['subject'] = ' '.join(str(msg['subject']).split())
    except Exception:
        pass
    try:
        addresses = msg['from'].addresses if msg['from'] is not None else ()
        if addresses and addresses[0].addr_spec:
            row['from'] = addresses[0].addr_spec.lower()
    except Exception:
        pass
    try:
        if msg['date'] is not None:
            row['date'] = int(email.utils.parsedate_to_datetime(str(msg['date'])).timestamp())
    except Exception:
        pass
    out[path] = row
json.dump(out, sys.stdout, ensure_ascii=False)
