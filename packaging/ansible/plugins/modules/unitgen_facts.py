#!/usr/bin/python
# -*- coding: utf-8 -*-
# unitgen.unitgen.unitgen_facts: the units unitgen manages, from unitgen status --output json.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: unitgen_facts
short_description: The units unitgen manages, their state and their containers
description:
  - Runs C(unitgen status --output json) and returns its units, as the fact C(unitgen_units)
    and as the return value C(units). Changes nothing.
version_added: 0.1.0
author:
  - unitgen authors (!UNKNOWN)
requirements:
  - unitgen (the C(unitgen) executable on the managed host; see I(unitgen_path))
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying target.
    support: full
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode), when in diff mode.
    support: none
  facts:
    description: Action returns an C(ansible_facts) dictionary that will update existing host facts.
    support: full
options:
  names:
    description:
      - Containers or units (C(NAME) or C(NAME.service)) to show; default every unit unitgen manages.
      - A name unitgen does not manage fails the task.
    type: list
    elements: str
  root:
    description:
      - Prefix every host path with this directory (C(unitgen --root)).
    type: path
  bus_address:
    description:
      - The D-Bus address of the systemd manager (C(unitgen --bus-address)).
    type: str
  docker_host:
    description:
      - The Docker engine (C(unitgen --docker-host)).
    type: str
  unitgen_path:
    description:
      - The unitgen executable, a path or a name looked up in C(PATH).
    type: path
    default: unitgen
seealso:
  - module: unitgen.unitgen.unitgen_apply
'''

EXAMPLES = r'''
- name: Read the state of the units unitgen manages
  unitgen.unitgen.unitgen_facts:

- name: Every unit must be running
  ansible.builtin.assert:
    that: item.active_state == 'active' and item.container_state == 'running'
    fail_msg: "{{ item.unit }} is {{ item.active_state }}/{{ item.sub_state }}, its container {{ item.container_state }}"
  loop: "{{ ansible_facts.unitgen_units }}"

- name: One container
  unitgen.unitgen.unitgen_facts:
    names: [web]
  register: web
'''

RETURN = r'''
units:
  description:
    - The units of C(unitgen status --output json) - C(unit), C(container), C(active_state),
      C(sub_state), C(result), C(image), C(source) (the definition file), C(container_state)
      (C(absent) when there is none) and, when the container exists, C(container_id),
      C(started_at), C(uptime) and C(inner).
  returned: always
  type: list
  elements: dict
  sample: [{"unit": "web.service", "container": "web", "active_state": "active", "sub_state": "running",
            "result": "success", "image": "nginx:1.27", "source": "/etc/unitgen/web.yaml",
            "container_state": "running", "container_id": "86d0bf146567", "started_at": "2026-01-01T10:00:00Z",
            "uptime": "2h13m"}]
ansible_facts:
  description: Facts to add to the host's facts.
  returned: always
  type: complex
  contains:
    unitgen_units:
      description: The same list as C(units).
      type: list
      elements: dict
cmd:
  description: The unitgen command line that was run.
  returned: always
  type: list
  elements: str
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.unitgen.unitgen.plugins.module_utils.unitgen import (
    EXIT_OK, find_unitgen, host_args, parse_json)


def main():
    module = AnsibleModule(
        argument_spec=dict(
            names=dict(type='list', elements='str'),
            root=dict(type='path'),
            bus_address=dict(type='str'),
            docker_host=dict(type='str'),
            unitgen_path=dict(type='path', default='unitgen'),
        ),
        supports_check_mode=True,
    )
    executable = find_unitgen(module, module.params['unitgen_path'])
    cmd = [executable, 'status', '--output=json'] + host_args(module.params, 'status')
    if module.params['names']:
        cmd += ['--'] + module.params['names']
    rc, out, err = module.run_command(cmd)
    status = parse_json(out)
    if rc != EXIT_OK or status is None:
        module.fail_json(msg='unitgen status failed (exit status %d): %s' % (rc, (err or out).strip()),
                         cmd=cmd, exit_code=rc, stderr=err)
    units = status.get('units') or []
    module.exit_json(changed=False, units=units, cmd=cmd, ansible_facts=dict(unitgen_units=units))


if __name__ == '__main__':
    main()
