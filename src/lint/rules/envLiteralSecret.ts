import { list, rec, str } from '../access';
import { podTemplate } from '../pods';
import type { Rule } from '../rule';

const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIALS?|ACCESS_?KEY)$/i;
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i;
// A value that only names where the secret is (a file path, a $(VAR) expansion) is not the secret.
const REFERENCE = /^(\/|\$\()/;
// A URL whose password is a $(VAR) expansion of another env var (from a secretKeyRef) holds no secret.
const URL_WITH_PASSWORD_REFERENCE = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:\$\([A-Za-z_][A-Za-z0-9_]*\)@/i;

export const envLiteralSecret: Rule = {
  id: 'env-literal-secret',
  defaultSeverity: 'warning',
  title: 'A secret written as a literal env value',
  docs: 'A password, token or key in env.value lives in the manifest, in git and in `kubectl get -o yaml` for anyone who can read the workload. Put it in a Secret and use valueFrom.secretKeyRef.',
  crossObject: false,
  check(object, context) {
    for (const container of podTemplate(object)?.containers ?? []) {
      list(container.value.env).forEach((entry, i) => {
        const name = str(rec(entry)?.name) ?? '';
        const value = rec(entry)?.value;
        if (typeof value !== 'string' || value === '' || REFERENCE.test(value)) return;
        const credentialUrl = URL_WITH_PASSWORD.test(value) && !URL_WITH_PASSWORD_REFERENCE.test(value);
        if (!SECRET_NAME.test(name) && !credentialUrl) return;
        context.report({
          range: object.rangeOf([...container.path, 'env', i, 'value']),
          message: credentialUrl
            ? `"${name}" holds a URL with a password: move it to a Secret and use valueFrom.secretKeyRef.`
            : `"${name}" looks like a secret written in the manifest: move it to a Secret and use valueFrom.secretKeyRef.`,
        });
      });
    }
  },
};
