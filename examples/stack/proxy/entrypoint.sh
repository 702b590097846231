#!/bin/sh
# stack-proxy: writes nginx's site for $UPSTREAM, then runs nginx in the foreground.
set -eu
: "${UPSTREAM:?UPSTREAM (host:port of the application) must be set}"
case "$UPSTREAM" in *[!A-Za-z0-9.:_-]*) echo "stack-proxy: invalid UPSTREAM $UPSTREAM" >&2; exit 2;; esac
sed "s/@UPSTREAM@/$UPSTREAM/" /etc/nginx/proxy.conf.template > /etc/nginx/sites-enabled/proxy.conf
exec nginx -g 'daemon off;'
