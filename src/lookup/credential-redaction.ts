import type { ConnectorRun } from '../connectors/runner.ts';

/** REDACT_CREDENTIAL_PASSWORDS: drops plaintext passwords from breach findings, marking that it did. */
export function redactPasswords(run: ConnectorRun): ConnectorRun {
  if (!run.findings.some((f) => f.kind === 'credential' && f.data.password !== undefined)) return run;
  return {
    ...run,
    findings: run.findings.map((f) => {
      if (f.kind !== 'credential' || f.data.password === undefined) return f;
      const { password: _dropped, ...data } = f.data;
      return { ...f, data: { ...data, password_redacted: true } };
    }),
  };
}
