#!/bin/sh
# Release 1: serve the page (stops at once on SIGTERM, as PID 1 ignores it otherwise).
trap 'exit 0' TERM
httpd -f -p 8080 -h /www &
wait
