"""Compose's healthcheck of the web service: GET /sante/ from gunicorn itself, 200 or fail.

It asks with the site's own host name (ALLOWED_HOSTS), so Django answers rather than
refusing the host; /sante/ is exempt from the HTTPS redirect (production settings).
"""

import os
import sys
import urllib.request

# ".example.org" allows its subdomains: ask for the domain itself.
host = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip().lstrip(".")
port = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000").rsplit(":", 1)[1]
request = urllib.request.Request(f"http://127.0.0.1:{port}/sante/", headers={"Host": host})
try:
    with urllib.request.urlopen(request, timeout=4) as response:
        sys.exit(0 if response.status == 200 else 1)
except OSError as error:
    print(error, file=sys.stderr)
    sys.exit(1)
