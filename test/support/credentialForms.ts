// Every form a proxy credential takes in GOPROXY (and HTTP(S)_PROXY): the
// secret that must never be shown, and the host that must stay readable.
export interface CredentialForm {
  name: string;
  value: string;
  secret: string;
}

/** `host` is host[:port]; tests that reach the proxy give a loopback one. */
export function credentialForms(host: string): CredentialForm[] {
  const f = (name: string, value: string, secret: string) => ({ name, value, secret });
  return [
    f('https', `https://alice:s3cretPw1@${host}/go`, 's3cretPw1'),
    f('http', `http://alice:s3cretPw2@${host}`, 's3cretPw2'),
    f('%-encoded', `https://alice:s3cret%21Pw3@${host}`, 's3cret%21Pw3'),
    f('@ in the password', `https://alice:s3cret@Pw4@${host}`, 's3cret@Pw4'),
    f('/ in the password', `https://alice:s3cret/Pw5@${host}`, 's3cret/Pw5'),
    f(': in the password', `https://alice:s3cret:Pw6@${host}`, 's3cret:Pw6'),
    f('no scheme', `alice:s3cretPw7@${host}`, 's3cretPw7'),
    f('token as user name', `https://ghp_s3cretTok8@${host}`, 'ghp_s3cretTok8'),
    f('unparseable port', `https://alice:s3cretPw9@${host.split(':')[0]}:99999999`, 's3cretPw9'),
    f('in a | list', `https://127.0.0.1:9|https://alice:s3cretPw10@${host},direct`, 's3cretPw10'),
    f('refused scheme', `ftp://alice:s3cretPw11@${host}`, 's3cretPw11'),
  ];
}
