/**
 * Where things are on a host, as plain data every layer may use: the host paths unitgen
 * reads and writes and the {@code --root} prefix ({@link dev.unitgen.layout.Root}), and the
 * cgroup layout units are made for ({@link dev.unitgen.layout.CgroupLayout}). No I/O here:
 * reading the host is the {@code host} package's job.
 */
package dev.unitgen.layout;
