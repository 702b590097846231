#!/bin/sh
exec curl -fsS http://localhost/
