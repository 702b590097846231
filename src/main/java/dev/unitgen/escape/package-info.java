/**
 * The one place that quotes and escapes values: nothing else in unitgen quotes a value. (The
 * fixed shell scripts a unit runs, in translate, keep their own quotes around constants and
 * shell variables; every value in them is a word made here.)
 * One class per target syntax, each refusing what would change the meaning of its file:
 * <ul>
 * <li>{@link dev.unitgen.escape.SystemdEscape}: systemd unit values, keys, section names,
 *     comment lines and command lines (ExecStart= and friends), and their parser.</li>
 * <li>{@link dev.unitgen.escape.ShellEscape}: POSIX shell words for the {@code /bin/sh -c}
 *     scripts a unit or a Dockerfile runs.</li>
 * <li>{@link dev.unitgen.escape.EnvFileEscape}: docker env files ({@link dev.unitgen.escape.EnvLine}).</li>
 * <li>{@link dev.unitgen.escape.DockerfileEscape}: Dockerfile instructions.</li>
 * <li>{@link dev.unitgen.escape.YamlEscape}: YAML 1.2 scalars.</li>
 * <li>{@link dev.unitgen.escape.JsonEscape}: JSON strings.</li>
 * </ul>
 * They share one core, {@code Quoting}: the loop that writes a string with a syntax's
 * escapes, the word that needs no quotes in a command line or a shell, and the comment lines
 * all four line-based syntaxes use. {@link dev.unitgen.escape.UnitValue} and
 * {@link dev.unitgen.escape.EnvLine} can only be made here, so a value that reaches a unit
 * or env file has passed this package by construction.
 */
package dev.unitgen.escape;
