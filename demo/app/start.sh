#!/bin/sh
# Release 1: serve the page.
exec httpd -f -p 8080 -h /www
