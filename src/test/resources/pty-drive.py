# Runs a command on a new pseudo-terminal (its standard input, output and error), answers the
# first "Enter a value:" question with $ANSWER, and prints what the terminal showed; exits with
# the command's exit status. Used by ConfirmationPtyTest: the prompt of apply and destroy.
import os
import pty
import select
import sys

argv = sys.argv[1:]
answer = os.environ.get("ANSWER", "")
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
seen = b""
sent = False
while True:
    ready, _, _ = select.select([fd], [], [], 120)
    if not ready:
        os.kill(pid, 9)
        seen += b"\n[pty-drive: no output for 120s, killed]\n"
        break
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    seen += data
    if not sent and b"Enter a value:" in seen:
        os.write(fd, (answer + "\n").encode())
        sent = True
_, status = os.waitpid(pid, 0)
sys.stdout.write(seen.decode("utf-8", "replace").replace("\r\n", "\n"))
sys.stdout.flush()
sys.exit(os.waitstatus_to_exitcode(status))
