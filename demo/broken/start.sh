#!/bin/sh
# Release 2 (deliberately broken): needs a setting that the deployment does not provide.
echo "starting web"
[ -n "$DATABASE_URL" ] || { echo "panic: missing DATABASE_URL" >&2; exit 1; }
exec httpd -f -p 8080 -h /www
