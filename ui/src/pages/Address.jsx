import { useEffect } from 'preact/hooks';
import { useApi, seg } from '../api.js';
import { Loaded, Link, Facts, CopyButton, Fil } from '../ui.jsx';
import { MessageTable } from './MessageTable.jsx';
import { LineChart } from '../chart.jsx';
import { num, fil } from '../format.js';
import { navigate } from '../router.js';

const FORMS = [['id', 'ID'], ['robust', 'Robust'], ['delegated', 'Delegated (f410)'], ['eth', 'Ethereum']];

export function Address({ address }) {
  const res = useApi(`/api/v1/addresses/${seg(address)}`);
  // every form of a known actor leads to one page: the one of its ID address
  useEffect(() => {
    const a = res.data;
    if (a && a.valid && a.known && a.id && a.id !== address) navigate(`/address/${seg(a.id)}`, { replace: true });
  }, [res.data, address]);
  return (
    <Loaded res={res} what={`address ${address}`}>
      {(a) => (a.valid ? <AddressView a={a} /> : <InvalidAddress a={a} />)}
    </Loaded>
  );
}

function InvalidAddress({ a }) {
  return (
    <section class="notice error" role="alert" id="invalid-address">
      <h1>Not a valid address</h1>
      <p class="mono wrap">{a.input}</p>
      <p id="address-error">{a.error}</p>
      {a.errorKind && <p class="muted">({a.errorKind})</p>}
      <p class="muted">Filecoin addresses look like f01234 (ID), f1…/f2…/f3… (robust), f410f… (delegated) or 0x… (Ethereum, 20 bytes); test networks use t instead of f.</p>
    </section>
  );
}

function AddressView({ a }) {
  const main = a.id || a.robust || a.delegated || a.eth || a.input;
  return (
    <div>
      <h1>Address <span class="mono" id="address-main">{main}</span></h1>
      {!a.known && <p class="notice">This address is valid, but no indexed actor has it{a.lookupError ? ` (${a.lookupError})` : ''}.</p>}
      <table class="forms" id="address-forms">
        <tbody>
          {FORMS.filter(([k]) => a[k]).map(([k, label]) => (
            <tr key={k} data-form={k}>
              <th scope="row">{label}</th>
              <td class="mono wrap">{a[k]}</td>
              <td><CopyButton text={a[k]} label={`${label} address`} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <Facts rows={[
        ['Network', a.network],
        ['Protocol', `${a.protocol} (${a.protocolName})`],
        a.actorType ? ['Actor type', <span id="actor-type">{a.actorType}</span>] : undefined,
        a.codeCid ? ['Code CID', <span class="mono wrap">{a.codeCid}</span>] : undefined,
        a.balance !== undefined ? ['Balance', <Fil atto={a.balance} />] : undefined,
      ]} />
      {a.actorType === 'evm' && <p><Link href={`/contract/${seg(main)}`} id="contract-link">Contract page: bytecode, ABI, verification →</Link></p>}
      {a.known && <Balance address={main} />}
      {a.known && (
        <section>
          <h2>Messages</h2>
          <MessageTable base={`/api/v1/messages?address=${seg(main)}`} />
        </section>
      )}
    </div>
  );
}

function Balance({ address }) {
  const now = useApi(`/api/v1/actors/${seg(address)}/balance`);
  const history = useApi(`/api/v1/actors/${seg(address)}/history?limit=200`);
  if (now.error && history.error) return null; // this server has no balance history
  const points = (history.data?.items || [])
    .filter((h) => h.balance !== undefined)
    .map((h) => ({ x: Number(h.height), y: Number(BigInt(h.balance) / 10n ** 12n) / 1e6, label: `${num(h.height)}: ${fil(h.balance)}` }))
    .sort((p, q) => p.x - q.x);
  return (
    <section id="balance">
      <h2>Balance</h2>
      {now.data && <p class="big"><Fil atto={now.data.balance} /> <span class="muted">at height {num(now.data.height)}, nonce {num(now.data.nonce)}</span></p>}
      {history.data && <LineChart id="balance-chart" points={points} title="Balance (FIL) by height" formatX={num} formatY={(y) => `${y} FIL`} />}
    </section>
  );
}
