# -*- coding: utf-8 -*-
# Shared code of the unitgen.unitgen modules: finding and running the unitgen executable,
# reading its JSON output and turning its failures into one message.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os


# unitgen's exit statuses (man unitgen(1), EXIT STATUS)
EXIT_OK = 0
EXIT_RUNTIME = 1
EXIT_INVALID = 2
EXIT_VERIFY = 4


def find_unitgen(module, path):
    """The unitgen executable: an explicit path, or a name looked up in PATH (and sbin dirs)."""
    if not path:
        path = 'unitgen'
    if os.sep in path:
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            module.fail_json(msg='unitgen_path %s is not an executable file' % path)
        return path
    found = module.get_bin_path(path, required=False)
    if not found:
        module.fail_json(msg='cannot find %s in PATH: install unitgen (the unitgen.unitgen.unitgen role '
                             'does it from a .deb or .rpm) or set unitgen_path' % path)
    return found


def host_args(params, command):
    """The options of a unitgen command taken from the module parameters.

    Each command takes only some host options (man unitgen(1), "Host options"): plan takes
    --bus-address and --offline, status --bus-address and --docker-host, apply and destroy all;
    --host-cgroup is a definition option (validate, render, plan, apply).
    """
    takes = {
        'validate': ('root', 'host_cgroup'),
        'plan': ('root', 'host_cgroup', 'bus_address', 'offline'),
        'apply': ('root', 'host_cgroup', 'bus_address', 'docker_host', 'offline', 'timeout', 'lock_timeout',
                  'min_healthy'),
        'status': ('root', 'bus_address', 'docker_host'),
    }[command]
    args = []
    for key in takes:
        value = params.get(key)
        if value is None or value is False or value == '':
            continue
        option = '--' + key.replace('_', '-')
        if value is True:
            args.append(option)
        else:
            args.append('%s=%s' % (option, value))
    return args


def parse_json(text):
    """unitgen's JSON object on standard output, or None."""
    if not text:
        return None
    start = text.find('{')
    if start < 0:
        return None
    try:
        value = json.loads(text[start:])
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def format_diagnostics(diagnostics):
    """The diagnostics list of a JSON object, in the shape of unitgen's text output (a fallback)."""
    lines = []
    for d in diagnostics or []:
        lines.append('%s: %s' % ('Error' if d.get('severity') == 'error' else 'Warning', d.get('summary', '')))
        where = d.get('range')
        if where:
            lines.append('')
            lines.append('  on %s line %s, column %s:' % (where.get('filename'), where.get('line'), where.get('column')))
            if d.get('snippet') is not None:
                prefix = '  %s: ' % where.get('line')
                lines.append(prefix + d['snippet'])
                lines.append(' ' * (len(prefix) + int(where.get('column', 1)) - 1) + '^' * max(1, int(where.get('length', 1))))
        for extra in ('detail', 'hint'):
            if d.get(extra):
                lines.append('')
                lines.append(d[extra])
        lines.append('')
    return '\n'.join(lines).rstrip()


def verification_message(result):
    """One message for an apply whose verification failed (exit status 4)."""
    units = result.get('units') or []
    failed = [u for u in units if u.get('result') == 'failed']
    parts = ['%s: %s' % (u.get('unit'), '; '.join(u.get('problems') or ['failed'])) for u in failed]
    return 'unitgen apply: %d of %d units failed verification: %s' % (len(failed), len(units), ' | '.join(parts))
