// Human formatting. attoFIL stays a string or a BigInt: never a float, never a 64-bit integer.
const ATTO = 10n ** 18n;

export function fil(atto, digits = 6) {
  if (atto === null || atto === undefined || atto === '') return '—';
  let v;
  try {
    v = BigInt(atto);
  } catch {
    return String(atto);
  }
  const neg = v < 0n;
  if (neg) v = -v;
  const whole = v / ATTO;
  let frac = (v % ATTO).toString().padStart(18, '0').slice(0, digits).replace(/0+$/, '');
  if (!frac && v % ATTO !== 0n && whole === 0n) {
    return (neg ? '-' : '') + group(v.toString()) + ' attoFIL'; // too small for FIL digits: exact
  }
  return (neg ? '-' : '') + group(whole.toString()) + (frac ? '.' + frac : '') + ' FIL';
}

export function group(digits) {
  return String(digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function num(n) {
  if (n === null || n === undefined) return '—';
  return group(n);
}

export function time(seconds) {
  if (!seconds) return '—';
  const d = new Date(Number(seconds) * 1000);
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

export function ago(seconds) {
  if (!seconds) return '';
  const s = Math.round(Date.now() / 1000 - Number(seconds));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} days ago`;
}

export function short(text, keep = 8) {
  if (!text || text.length <= keep * 2 + 3) return text;
  return text.slice(0, keep) + '…' + text.slice(-keep);
}

// FVM exit codes (system 0-15, user 16-31) and the EVM actor's own (33-40).
const EXIT_CODES = {
  0: ['OK', 'the message ran to completion'],
  1: ['SysErrSenderInvalid', 'the sender does not exist or is not an account'],
  2: ['SysErrSenderStateInvalid', 'the sender’s nonce or balance does not allow this message'],
  3: ['SysErrInvalidMethod', 'reserved (formerly: invalid method)'],
  4: ['SysErrIllegalInstruction', 'the actor’s code performed an illegal instruction'],
  5: ['SysErrInvalidReceiver', 'the receiver does not exist and cannot be created'],
  6: ['SysErrInsufficientFunds', 'the sender cannot pay the value'],
  7: ['SysErrOutOfGas', 'the message ran out of gas'],
  8: ['SysErrForbidden', 'reserved (formerly: forbidden)'],
  9: ['SysErrIllegalExitCode', 'the actor exited with an illegal code'],
  10: ['SysErrAssertionFailed', 'a system assertion failed'],
  11: ['SysErrMissingReturn', 'the actor returned no value where one was due'],
  16: ['ErrIllegalArgument', 'the parameters were not valid'],
  17: ['ErrNotFound', 'something the call needs was not found'],
  18: ['ErrForbidden', 'the caller may not do this'],
  19: ['ErrInsufficientFunds', 'the actor’s balance is too low'],
  20: ['ErrIllegalState', 'the actor’s state does not allow this'],
  21: ['ErrSerialization', 'the parameters or state could not be (de)serialized'],
  22: ['ErrUnhandledMessage', 'the actor has no such method'],
  23: ['ErrUnspecified', 'the actor failed without saying why'],
  24: ['ErrAssertionFailed', 'an actor assertion failed'],
  25: ['ErrReadOnly', 'a state change was attempted in a read-only call'],
  26: ['ErrNotPayable', 'the method does not accept value'],
  33: ['EVM reverted', 'the contract reverted'],
  34: ['EVM invalid instruction', 'the contract executed an invalid instruction'],
  35: ['EVM undefined instruction', 'the contract executed an undefined instruction'],
  36: ['EVM stack underflow', 'the EVM stack underflowed'],
  37: ['EVM stack overflow', 'the EVM stack overflowed'],
  38: ['EVM illegal memory access', 'the contract accessed memory out of bounds'],
  39: ['EVM bad jump destination', 'the contract jumped to an invalid destination'],
  40: ['EVM selfdestruct failed', 'the contract could not self-destruct'],
};

export function exitCode(code) {
  const known = EXIT_CODES[code];
  if (known) return { name: known[0], meaning: known[1] };
  return { name: `exit ${code}`, meaning: code >= 32 ? 'an actor-specific error' : 'an unknown exit code' };
}

export function json(value) {
  return JSON.stringify(value, null, 2);
}
