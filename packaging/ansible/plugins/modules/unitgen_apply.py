#!/usr/bin/python
# -*- coding: utf-8 -*-
# unitgen.unitgen.unitgen_apply: write unitgen definitions and apply them.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: unitgen_apply
short_description: Write unitgen container definitions and make the host match them
description:
  - Writes container definitions (the YAML files of C(unitgen), see C(man 5 unitgen.yaml)) into
    I(definitions_dir), then runs C(unitgen apply --output json) on that directory, which writes
    the systemd units that wrap C(docker run), reloads systemd, starts or restarts exactly the
    units that changed, prunes the units it wrote that are no longer declared, and verifies that
    every unit is active and its container running.
  - A definition file is written only when its content differs (atomically, mode 0644). The task
    is C(changed) when it wrote or removed a definition file, or when unitgen reports that it
    changed the host; a second run with the same definitions is not C(changed).
  - The directory is the complete set of definitions of the host; unitgen removes the units of
    every container that no file in it declares any more. Remove a definition with
    I(state=absent) (or I(definitions[].state=absent)), or let I(exclusive=true) remove every
    file the task does not name.
  - When the definitions are invalid, unitgen changes nothing, the task restores the definition
    files it had written or removed, and fails with unitgen's diagnostics (file, line and column).
  - In check mode nothing is written, and C(unitgen plan --output json) runs on the definitions as
    they would be. When a definition file would change, the new files are staged in a temporary
    directory that is bind-mounted over I(definitions_dir) in a private mount namespace of the
    unitgen process only (C(unshare), needs root), so the plan is exactly the one apply would
    carry out. Where that is not possible the plan is made from the temporary directory itself,
    and its units show source paths that differ (a warning says so).
  - In diff mode the task shows the changes of the definition files and the output of
    C(unitgen plan --diff) (unit files, and env files with their values hidden).
version_added: 0.1.0
author:
  - unitgen authors (!UNKNOWN)
requirements:
  - unitgen (the C(unitgen) executable on the managed host; see I(unitgen_path))
  - C(unshare) and C(mount) (util-linux) for an exact plan in check mode
notes:
  - unitgen refuses to apply a definition set that declares no container at all while it manages
    units (it would remove them all); set I(allow_empty=true) to do that on purpose.
  - unitgen takes a lock (C(/var/lib/unitgen/lock)), so concurrent applies on one host wait for each other.
  - When unitgen fails for another reason (exit status 1, for example an unreachable Docker engine or
    systemd), the definition files stay written, so that the next run applies them.
  - C(changed) after a failure with exit status 1 only tells whether definition files were written;
    unitgen itself may have started work that the next apply finishes (C(/var/lib/unitgen/pending)).
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying target.
    support: full
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode), when in diff mode.
    support: full
options:
  name:
    description:
      - The name of one definition file, with or without the C(.yaml) or C(.yml) extension
        (C(web) is the file C(web.yaml) in I(definitions_dir)).
      - With I(state=present) its content is I(content); with I(state=absent) the file is removed.
    type: str
  content:
    description:
      - The content of the definition file I(name) - a YAML string (written as it is, so that
        unitgen's line numbers are those of the string) or a dictionary (written as YAML).
      - Required with I(name) and I(state=present).
    type: raw
  state:
    description:
      - Whether the definition file I(name) should exist (C(present)) or be removed (C(absent)).
      - Removing a file and applying makes unitgen stop, disable and remove the units of its containers.
    type: str
    choices: [present, absent]
    default: present
  definitions:
    description:
      - Several definition files at once.
    type: list
    elements: dict
    suboptions:
      name:
        description: The file name, as I(name).
        type: str
        required: true
      content:
        description: The content, as I(content); required when I(definitions[].state=present).
        type: raw
      state:
        description: As I(state).
        type: str
        choices: [present, absent]
        default: present
  paths:
    description:
      - Definition files, or directories of definition files, on the managed host, copied into
        I(definitions_dir) under their own names (a directory contributes its files whose names
        end in C(.yaml) or C(.yml) and do not start with C(.)).
    type: list
    elements: path
  exclusive:
    description:
      - Remove every definition file of I(definitions_dir) that the task does not name (in I(name),
        I(definitions) or I(paths)), so that the task's definitions are all the host runs.
    type: bool
    default: false
  definitions_dir:
    description:
      - The directory of definition files that the task writes and unitgen applies.
      - Default C(/etc/unitgen) under I(root), the directory unitgen reads by default.
    type: path
  allow_empty:
    description:
      - Apply also when the definitions declare no container at all, removing every unit unitgen
        manages (C(unitgen apply --allow-empty)). Without it unitgen refuses and the task fails.
    type: bool
    default: false
  root:
    description:
      - Prefix every host path with this directory (C(unitgen --root)), like C(systemctl --root).
    type: path
  bus_address:
    description:
      - The D-Bus address of the systemd manager (C(unitgen --bus-address)).
      - Default C($DBUS_SYSTEM_BUS_ADDRESS), else C(unix:path=/run/dbus/system_bus_socket).
    type: str
  docker_host:
    description:
      - The Docker engine (C(unitgen --docker-host)). Default C($DOCKER_HOST), else C(unix:///var/run/docker.sock).
    type: str
  host_cgroup:
    description:
      - The cgroup layout of the host (C(unitgen --host-cgroup)). Default - read from C(/sys/fs/cgroup) under I(root).
    type: str
    choices: [v1, v2]
  offline:
    description:
      - Do not talk to systemd or Docker; write the units and their enablement links under I(root)
        only, and start nothing (C(unitgen --offline), needs I(root)).
    type: bool
    default: false
  timeout:
    description:
      - How long unitgen waits for start, restart and stop jobs (C(unitgen apply --timeout)), for example C(90s) or C(5m).
    type: str
  lock_timeout:
    description:
      - How long unitgen waits for another apply or destroy to finish (C(unitgen apply --lock-timeout)).
    type: str
  min_healthy:
    description:
      - The stability window of every unit for this run (C(unitgen apply --min-healthy)), for example C(30s);
        a started container counts as verified only once it has stayed up this long.
        Default - each definition's C(min_healthy) (10s unless set).
    type: str
  unitgen_path:
    description:
      - The unitgen executable, a path or a name looked up in C(PATH).
    type: path
    default: unitgen
seealso:
  - module: unitgen.unitgen.unitgen_facts
'''

EXAMPLES = r'''
- name: Run nginx as a systemd service
  unitgen.unitgen.unitgen_apply:
    name: web
    content: |
      containers:
        web:
          image: nginx:1.27
          ports: ["80:80"]
          restart: always

- name: Several definitions, as dictionaries, and nothing else on the host
  unitgen.unitgen.unitgen_apply:
    exclusive: true
    definitions:
      - name: cache
        content:
          containers:
            cache:
              image: redis:7.4
              command: [redis-server, --save, ""]
      - name: old
        state: absent

- name: Files already on the host (for example from ansible.builtin.template)
  unitgen.unitgen.unitgen_apply:
    paths:
      - /srv/deploy/unitgen/

- name: Remove a definition; unitgen stops and removes its units
  unitgen.unitgen.unitgen_apply:
    name: web
    state: absent

- name: Remove the last definition and so every unit unitgen manages
  unitgen.unitgen.unitgen_apply:
    name: cache
    state: absent
    allow_empty: true
'''

RETURN = r'''
definitions_dir:
  description: The directory of definition files.
  returned: always
  type: str
  sample: /etc/unitgen
definitions:
  description: The definition files the task wrote or removed (or would, in check mode).
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The file name.
      type: str
    path:
      description: The file's path.
      type: str
    action:
      description: C(created), C(updated), C(mode) (only the mode was fixed to 0644) or C(removed).
      type: str
  sample: [{"name": "web.yaml", "path": "/etc/unitgen/web.yaml", "action": "updated"}]
units:
  description:
    - The result of each unit from C(unitgen apply --output json) - C(unit), C(action) (none,
      create, update, remove), C(changed), C(reasons) (each C(kind), C(keys) and C(text)), C(restarted), C(started), C(job), C(result)
      (ok or failed), C(active_state), C(sub_state), C(container) (C(id), C(status),
      C(started_at), C(health), C(inner_systemd)), C(problems), and C(log) for a failed unit.
  returned: when unitgen apply ran and printed its result (not in check mode)
  type: list
  elements: dict
  sample: [{"unit": "web.service", "action": "create", "changed": true, "reasons": [{"kind": "new", "keys": [], "text": "new"}],
            "result": "ok",
            "active_state": "active", "sub_state": "running", "container": {"id": "86d0bf1465...", "status": "running"}}]
summary:
  description: The counts of units created, changed and removed.
  returned: when unitgen printed them
  type: dict
  sample: {"create": 1, "change": 0, "remove": 0}
reloaded:
  description: Whether unitgen reloaded the systemd manager.
  returned: when unitgen apply ran and printed its result
  type: bool
plan:
  description:
    - In check mode, the plan of C(unitgen plan --output json) - C(changes) (for each unit C(unit),
      C(action), C(reasons) (each C(kind), C(keys) and C(text)), C(write_unit), C(write_env), C(restart), C(start), C(enable)),
      C(unchanged), C(summary) and C(changes_pending).
  returned: in check mode
  type: dict
diagnostics:
  description:
    - unitgen's diagnostics, each C(severity) (error or warning), C(summary), and when there are
      C(detail), C(hint), C(range) (C(filename), C(line), C(column), C(length)) and C(snippet).
  returned: when unitgen printed them
  type: list
  elements: dict
exit_code:
  description: The exit status of unitgen (0 ok, 1 runtime error, 2 invalid definitions or usage, 4 verification failed).
  returned: when unitgen ran
  type: int
stderr:
  description: What unitgen printed on standard error (warnings, the diagnostics, errors).
  returned: when unitgen ran
  type: str
cmd:
  description: The unitgen command line that was run last.
  returned: when unitgen ran
  type: list
  elements: str
msg:
  description: What happened; on failure, unitgen's message (for invalid definitions, its diagnostics with file, line and column).
  returned: always
  type: str
'''

import os
import re
import shutil
import stat
import tempfile

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.text.converters import to_bytes, to_native, to_text
from ansible_collections.unitgen.unitgen.plugins.module_utils.unitgen import (
    EXIT_INVALID, EXIT_OK, EXIT_VERIFY, find_unitgen, format_diagnostics, host_args, parse_json,
    verification_message)

try:
    import yaml
    HAS_YAML = True
except ImportError:  # ansible-core depends on PyYAML; only a dictionary content needs it
    HAS_YAML = False

NAME = re.compile(r'^[A-Za-z0-9_@+=,-][A-Za-z0-9_.@+=,-]*$')
# a string that YAML 1.2 (unitgen) might read as something else: number-like starts, spaces, symbols
PLAIN = re.compile(r'^[A-Za-z_/][A-Za-z0-9_./-]*$')

# Runs a command after bind-mounting the staged definitions over the definitions directory, in a
# private mount namespace (the caller runs it under unshare): $1 the definitions directory, $2 an
# empty directory that keeps the original in view (for the env/ files and others the stage links
# to), $3 the stage.
BIND_SCRIPT = 'mount --bind "$1" "$2" && mount --bind "$3" "$1" || exit 97; shift 3; exec "$@"'


def is_definition(directory, name):
    return (not name.startswith('.') and (name.endswith('.yaml') or name.endswith('.yml'))
            and os.path.isfile(os.path.join(directory, name)))


def file_name(module, name):
    if not name or not NAME.match(name):
        module.fail_json(msg='invalid definition name %r: use letters, digits and _ . @ + = , - '
                             '(not starting with a dot), without a directory' % (name,))
    if name.endswith('.yaml') or name.endswith('.yml'):
        return name
    return name + '.yaml'


if HAS_YAML:
    class DefinitionDumper(yaml.SafeDumper):
        """Writes a dictionary as YAML that unitgen (YAML 1.2) reads back to the same values."""

    def _represent_str(dumper, value):
        if PLAIN.match(value):
            return dumper.represent_scalar('tag:yaml.org,2002:str', value)  # PyYAML still quotes yes/no/null
        return dumper.represent_scalar('tag:yaml.org,2002:str', value, style='"')

    DefinitionDumper.add_representer(str, _represent_str)


def render_content(module, name, content):
    if isinstance(content, dict):
        if not HAS_YAML:
            module.fail_json(msg='the content of %s is a dictionary, and writing it needs PyYAML' % name)
        options = dict(Dumper=DefinitionDumper, default_flow_style=False, allow_unicode=True, width=1000)
        try:
            text = yaml.dump(content, sort_keys=False, **options)
        except TypeError:  # PyYAML before 5.1 always sorts the keys
            text = yaml.dump(content, **options)
        return to_bytes(text, errors='surrogate_or_strict')
    if isinstance(content, str):
        return to_bytes(content, errors='surrogate_or_strict')
    module.fail_json(msg='the content of %s must be a YAML string or a dictionary, not %s' % (name, type(content).__name__))


def wanted_files(module, directory):
    """The files the task names: ({file name: content} to have, {file names} to remove)."""
    p = module.params
    entries = []
    if p['name'] is not None:
        entries.append(dict(name=p['name'], content=p['content'], state=p['state']))
    elif p['content'] is not None:
        module.fail_json(msg='content needs a name: the definition file it is written to')
    entries.extend(p['definitions'] or [])
    present, absent = {}, set()

    def add(name, content):
        if name in present or name in absent:
            module.fail_json(msg='the definition %s is named twice' % name)
        present[name] = content

    for e in entries:
        name = file_name(module, e['name'])
        if e.get('state', 'present') == 'absent':
            if name in present or name in absent:
                module.fail_json(msg='the definition %s is named twice' % name)
            absent.add(name)
            continue
        if e.get('content') is None:
            module.fail_json(msg='the definition %s has no content (or set state: absent)' % name)
        add(name, render_content(module, name, e['content']))
    for path in p['paths'] or []:
        if os.path.isdir(path):
            files = [os.path.join(path, n) for n in sorted(os.listdir(path)) if is_definition(path, n)]
        elif os.path.isfile(path):
            files = [path]
        else:
            module.fail_json(msg='path %s does not exist' % path)
        for f in files:
            if os.path.dirname(os.path.abspath(f)) == directory:
                add(os.path.basename(f), None)  # already in place: keep it as it is
                continue
            with open(f, 'rb') as fh:
                add(file_name(module, os.path.basename(f)), fh.read())
    if p['exclusive'] and os.path.isdir(directory):
        for n in sorted(os.listdir(directory)):
            if is_definition(directory, n) and n not in present:
                absent.add(n)
    return present, absent


def compare(directory, present, absent):
    """What to do with each file: a list of dicts with name, path, action, before, after."""
    changes = []
    for name in sorted(present):
        path = os.path.join(directory, name)
        after = present[name]
        if not os.path.lexists(path):
            changes.append(dict(name=name, path=path, action='created', before=None, after=after))
            continue
        with open(path, 'rb') as fh:
            before = fh.read()
        if after is None:
            continue
        if before != after:
            changes.append(dict(name=name, path=path, action='updated', before=before, after=after))
        elif stat.S_IMODE(os.stat(path).st_mode) != 0o644:
            changes.append(dict(name=name, path=path, action='mode', before=before, after=after))
    for name in sorted(absent):
        path = os.path.join(directory, name)
        if os.path.lexists(path):
            with open(path, 'rb') as fh:
                before = fh.read()
            changes.append(dict(name=name, path=path, action='removed', before=before, after=None))
    return changes


def write_atomic(module, path, data):
    """Writes a file with mode 0644: a temporary file in the same directory, synced, renamed."""
    directory = os.path.dirname(path)
    fd, tmp = tempfile.mkstemp(prefix='.%s.' % os.path.basename(path), suffix='.tmp', dir=directory)
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, 'wb') as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.rename(tmp, path)
    except Exception:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    sync_dir(directory)
    module.set_default_selinux_context(path, False)


def sync_dir(directory):
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def carry_out(module, changes):
    for c in changes:
        if c['action'] == 'removed':
            os.unlink(c['path'])
            sync_dir(os.path.dirname(c['path']))
        elif c['action'] == 'mode':
            os.chmod(c['path'], 0o644)
        else:
            write_atomic(module, c['path'], c['after'])


def roll_back(module, changes):
    """Undoes carry_out: the files as they were (their mode is not restored for action 'mode')."""
    for c in reversed(changes):
        if c['action'] == 'created':
            if os.path.lexists(c['path']):
                os.unlink(c['path'])
        elif c['action'] in ('updated', 'removed'):
            write_atomic(module, c['path'], c['before'])


def diff_of(changes):
    out = []
    for c in changes:
        if c['action'] == 'mode':
            continue
        out.append(dict(before_header=c['path'] if c['before'] is not None else '/dev/null',
                        after_header=c['path'] if c['after'] is not None else '/dev/null',
                        before=to_text(c['before'] or b'', errors='surrogate_or_replace'),
                        after=to_text(c['after'] or b'', errors='surrogate_or_replace')))
    return out


class Unitgen(object):
    def __init__(self, module, executable, directory):
        self.module = module
        self.executable = executable
        self.directory = directory
        self.wrapper = []  # a command the unitgen process runs under (check mode: unshare)
        self.path_arg = directory
        self.last = {}

    def run(self, command, *more):
        p = self.module.params
        cmd = [self.executable, command] + host_args(p, command) + list(more) + ['--', self.path_arg]
        rc, out, err = self.module.run_command(self.wrapper + cmd)
        self.last = dict(cmd=cmd, exit_code=rc, stderr=err)
        return rc, out, err

    def invalid_message(self, what, out, err):
        """The diagnostics of unitgen on invalid definitions, as text (file, line, column)."""
        if err and err.strip():
            return '%s: %s' % (what, err.strip())
        result = parse_json(out) or {}
        last = self.last
        rc, vout, verr = self.run('validate')
        self.last = last
        if verr and verr.strip():
            return '%s: invalid definitions\n%s' % (what, verr.strip())
        return '%s: invalid definitions\n%s' % (what, format_diagnostics(result.get('diagnostics')))


def stage():
    """Empty directories for a copy of the definitions as they would be: (temp dir, stage, original view)."""
    tmp = tempfile.mkdtemp(prefix='unitgen-ansible-')
    staged = os.path.join(tmp, 'definitions')
    original = os.path.join(tmp, 'original')
    os.mkdir(staged, 0o755)
    os.mkdir(original, 0o700)
    return tmp, staged, original


def populate(directory, staged, link_to, present, absent):
    if os.path.isdir(directory):
        for n in sorted(os.listdir(directory)):
            src = os.path.join(directory, n)
            if n in absent or (n in present and present[n] is not None):
                continue
            if is_definition(directory, n):
                shutil.copyfile(src, os.path.join(staged, n))
            else:  # env/ and whatever else the definitions refer to, seen through the original
                os.symlink(os.path.join(link_to, n), os.path.join(staged, n))
    for n, content in present.items():
        if content is not None:
            with open(os.path.join(staged, n), 'wb') as fh:
                fh.write(content)


def warn_diagnostics(module, result):
    for d in (result or {}).get('diagnostics') or []:
        if d.get('severity') == 'warning':
            where = d.get('range') or {}
            place = ' (%s line %s)' % (where.get('filename'), where.get('line')) if where else ''
            module.warn('unitgen: %s%s' % (d.get('summary'), place))


def check_mode(module, ug, directory, present, absent, changes, result):
    tmp = None
    try:
        if changes or not os.path.isdir(directory):
            tmp, staged, original = stage()
            unshare = module.get_bin_path('unshare')
            bind = None
            if os.path.isdir(directory) and unshare and module.get_bin_path('mount') and os.geteuid() == 0:
                bind = [unshare, '--mount', '--propagation', 'private', '--', '/bin/sh', '-c', BIND_SCRIPT,
                        'sh', directory, original, staged]
                rc, out, err = module.run_command(bind + ['true'])
                if rc != 0:
                    bind = None
            if bind:
                populate(directory, staged, original, present, absent)
                ug.wrapper = bind
            else:
                populate(directory, staged, directory, present, absent)
                ug.path_arg = staged
                module.warn('check mode: the plan was made from a temporary copy of the definitions (%s), '
                            'so the source paths of its units differ from those apply would write; an exact '
                            'plan needs root and unshare(1)' % staged)
        rc, out, err = ug.run('plan', '--output=json')
        result.update(ug.last)
        if rc == EXIT_INVALID:
            result['msg'] = ug.invalid_message('unitgen plan', out, err)
            module.fail_json(**result)
        plan = parse_json(out)
        if rc != EXIT_OK or plan is None:
            result['msg'] = 'unitgen plan failed (exit status %d): %s' % (rc, (err or out).strip())
            module.fail_json(**result)
        warn_diagnostics(module, plan)
        result['diagnostics'] = plan.pop('diagnostics', None)
        for key in ('exit_code', 'error_count', 'warning_count'):
            plan.pop(key, None)
        result['plan'] = plan
        result['summary'] = plan.get('summary')
        result['changed'] = bool(changes) or bool(plan.get('changes_pending'))
        if module._diff:
            rc, out, err = ug.run('plan', '--diff')
            result['diff'] = diff_of(changes) + ([dict(prepared=out)] if rc == EXIT_OK and plan.get('changes_pending') else [])
        s = plan.get('summary') or {}
        result['msg'] = 'check mode: %d definition files to write or remove; unitgen would create %s, change %s, remove %s units' % (
            len(changes), s.get('create', 0), s.get('change', 0), s.get('remove', 0))
        if not present and not plan.get('unchanged') and not any(c.get('action') != 'remove' for c in plan.get('changes') or []) \
                and s.get('remove') and not module.params['allow_empty']:
            module.warn('the definitions declare no container: unitgen apply would refuse to remove all %s units '
                        'unless allow_empty is true' % s.get('remove'))
        module.exit_json(**result)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def apply_mode(module, ug, directory, changes, result):
    p = module.params
    created_dir = False
    if not os.path.isdir(directory) and any(c['action'] != 'removed' for c in changes):
        os.makedirs(directory, 0o755)
        created_dir = True
    try:
        carry_out(module, changes)
    except (IOError, OSError) as e:
        module.fail_json(msg='cannot write the definitions in %s: %s' % (directory, to_native(e)), **result)
    wrote = bool(changes) or created_dir

    def undo(msg):
        roll_back(module, changes)
        if created_dir:
            try:
                os.rmdir(directory)
            except OSError:
                pass
        result['changed'] = False
        result['definitions'] = []
        result['msg'] = msg
        module.fail_json(**result)

    diff = diff_of(changes)
    if module._diff:
        rc, out, err = ug.run('plan', '--diff')
        if rc == EXIT_INVALID:
            result.update(ug.last)
            undo(ug.invalid_message('unitgen plan', out, err))
        if rc == EXIT_OK and not out.startswith('No changes.'):
            diff.append(dict(prepared=out))
    more = ['--output=json'] + (['--allow-empty'] if p['allow_empty'] else [])
    rc, out, err = ug.run('apply', *more)
    result.update(ug.last)
    applied = parse_json(out)
    if applied is not None:
        for key in ('units', 'summary', 'reloaded', 'diagnostics'):
            if key in applied:
                result[key] = applied[key]
        warn_diagnostics(module, applied)
    if rc == EXIT_INVALID:
        undo(ug.invalid_message('unitgen apply', out, err))
    if module._diff:
        result['diff'] = diff
    result['changed'] = wrote or bool((applied or {}).get('changed'))
    if rc == EXIT_VERIFY and applied is not None:
        result['msg'] = verification_message(applied)
        module.fail_json(**result)
    if rc != EXIT_OK or applied is None:
        result['msg'] = 'unitgen apply failed (exit status %d): %s' % (rc, (err or out).strip())
        module.fail_json(**result)
    s = applied.get('summary') or {}
    result['msg'] = '%d definition files written or removed; unitgen created %s, changed %s, removed %s units' % (
        len(changes), s.get('create', 0), s.get('change', 0), s.get('remove', 0))
    module.exit_json(**result)


def main():
    module = AnsibleModule(
        argument_spec=dict(
            name=dict(type='str'),
            content=dict(type='raw'),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
            definitions=dict(type='list', elements='dict', options=dict(
                name=dict(type='str', required=True),
                content=dict(type='raw'),
                state=dict(type='str', choices=['present', 'absent'], default='present'),
            )),
            paths=dict(type='list', elements='path'),
            exclusive=dict(type='bool', default=False),
            definitions_dir=dict(type='path'),
            allow_empty=dict(type='bool', default=False),
            root=dict(type='path'),
            bus_address=dict(type='str'),
            docker_host=dict(type='str'),
            host_cgroup=dict(type='str', choices=['v1', 'v2']),
            offline=dict(type='bool', default=False),
            timeout=dict(type='str'),
            lock_timeout=dict(type='str'),
            min_healthy=dict(type='str'),
            unitgen_path=dict(type='path', default='unitgen'),
        ),
        supports_check_mode=True,
    )
    p = module.params
    executable = find_unitgen(module, p['unitgen_path'])
    directory = os.path.abspath(p['definitions_dir'] or os.path.join(p['root'] or '/', 'etc/unitgen'))
    present, absent = wanted_files(module, directory)
    changes = compare(directory, present, absent)
    result = dict(changed=False, definitions_dir=directory,
                  definitions=[dict(name=c['name'], path=c['path'], action=c['action']) for c in changes])
    ug = Unitgen(module, executable, directory)
    if module.check_mode:
        check_mode(module, ug, directory, present, absent, changes, result)
    else:
        apply_mode(module, ug, directory, changes, result)


if __name__ == '__main__':
    main()
