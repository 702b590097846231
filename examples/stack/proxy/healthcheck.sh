#!/bin/bash
# stack-proxy-health: nginx answers on port 80 (bash's /dev/tcp: the image has no HTTP client).
set -eu
exec 3<>/dev/tcp/127.0.0.1/80
printf 'GET /proxy-health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
head -n 1 <&3 | grep -q ' 200 '
