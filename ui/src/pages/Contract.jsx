import { useState } from 'preact/hooks';
import { useApi, api, seg, session } from '../api.js';
import { Loaded, Link, Facts, Actor, Cid, CopyButton } from '../ui.jsx';
import { MessageTable } from './MessageTable.jsx';
import { num } from '../format.js';

export function Contract({ address }) {
  const res = useApi(`/api/v1/contracts/${seg(address)}`);
  return (
    <Loaded res={res} what={`contract ${address}`}>
      {(c) => <ContractView c={c} address={address} />}
    </Loaded>
  );
}

function ContractView({ c, address }) {
  const main = c.actor?.id || address;
  const code = useApi(c.kind === 'evm' ? `/api/v1/contracts/${seg(main)}/bytecode` : null);
  const abi = useApi(c.verified ? `/api/v1/contracts/${seg(main)}/abi` : null);
  return (
    <div>
      <h1>Contract {c.name ? <span id="contract-name">{c.name}</span> : <span class="mono" id="contract-name">{main}</span>}</h1>
      <Facts rows={[
        ['Actor', <Actor actor={c.actor} full />],
        ['Kind', <span id="contract-kind">{c.kind}</span>],
        ['Verified', <span id="contract-verified" class={c.verified ? 'ok' : 'muted'}>
          {c.verified ? `yes${c.match ? ` (${c.match} match)` : ''}` : 'not verified'}</span>],
        c.compilerVersion ? ['Compiler', c.compilerVersion] : undefined,
        c.sourcePath ? ['Source', <span class="mono wrap">{c.sourcePath}</span>] : undefined,
        ['Deployer', <Actor actor={c.deployer} full />],
        ['Created', c.creationHeight !== undefined ? <span><Link href={`/tipset/${c.creationHeight}`}>{num(c.creationHeight)}</Link> by <Cid cid={c.creationMessageCid} kind="message" /></span> : undefined],
        c.codeCid ? ['Code CID', <span class="mono wrap">{c.codeCid}</span>] : undefined,
        c.bytecodeHash ? ['Bytecode hash', <span class="mono wrap">{c.bytecodeHash}</span>] : undefined,
      ]} />
      {c.kind === 'evm' && (
        <section>
          <h2>Bytecode</h2>
          <Loaded res={code} what="bytecode">
            {(b) => (
              <div>
                <p class="muted">{num((b.bytecode.length - 2) / 2)} bytes <CopyButton text={b.bytecode} label="bytecode" /></p>
                <pre class="bytecode" id="bytecode">{b.bytecode}</pre>
              </div>
            )}
          </Loaded>
        </section>
      )}
      {c.verified && abi.data && <ReadCalls address={main} abi={abi.data.abi || abi.data} />}
      {c.kind === 'evm' && !c.verified && <VerifyForm address={c.actor?.eth || main} />}
      <section>
        <h2>Projects</h2>
        {/* the contract answer names the projects that list it (accounts and projects, API.md) */}
        {!c.projects?.length ? <p class="muted">No project lists this contract.</p> : (
          <ul id="contract-projects">{c.projects.map((p) => <li key={p.id}><Link href={`/project/${p.id}`}>{p.name}</Link></li>)}</ul>
        )}
      </section>
      <section>
        <h2>Messages</h2>
        <MessageTable base={`/api/v1/contracts/${seg(main)}/messages`} />
      </section>
    </div>
  );
}

/** A form per read-only function of the ABI; answers decoded by the API (POST .../call). */
function ReadCalls({ address, abi }) {
  const fns = (Array.isArray(abi) ? abi : []).filter((f) => f.type === 'function' && (f.stateMutability === 'view' || f.stateMutability === 'pure'));
  if (fns.length === 0) return null;
  return (
    <section id="read-calls">
      <h2>Read the contract</h2>
      {fns.map((f) => <ReadCall key={f.name + f.inputs.length} address={address} fn={f} />)}
    </section>
  );
}

function ReadCall({ address, fn }) {
  const [args, setArgs] = useState(fn.inputs.map(() => ''));
  const [out, setOut] = useState(null);
  const sig = `${fn.name}(${fn.inputs.map((i) => i.type).join(',')})`;
  const call = async (e) => {
    e.preventDefault();
    setOut({ loading: true });
    try {
      const r = await api(`/api/v1/contracts/${seg(address)}/call`, { method: 'POST', body: { method: sig, args } });
      setOut({ data: r });
    } catch (err) {
      setOut({ error: err });
    }
  };
  return (
    <form class="card" onSubmit={call} data-fn={sig}>
      <strong class="mono">{fn.name}</strong>
      {fn.inputs.map((inp, i) => (
        <label key={i}>{inp.name || `arg${i}`} <span class="muted">{inp.type}</span>
          <input name={inp.name || `arg${i}`} value={args[i]} onInput={(e) => setArgs(args.map((a, j) => (j === i ? e.currentTarget.value : a)))} />
        </label>
      ))}
      <button type="submit">Call</button>
      {out?.loading && <span class="muted"> calling…</span>}
      {out?.error && <p class="bad">{out.error.message}</p>}
      {out?.data && (out.data.reverted
        ? <p class="bad">Reverted: {JSON.stringify(out.data.revert)}</p>
        : <pre class="json">{JSON.stringify(out.data.outputs ?? out.data.returnData, null, 2)}</pre>)}
    </form>
  );
}

/**
 * Source verification. Signed in, the upload is filflow's own (POST .../source, recorded under the
 * account); signed out, the same input goes through the open Etherscan-compatible endpoint that
 * hardhat-verify and forge use (POST /api, action verifysourcecode). Either way the job is followed
 * through GET /api/v1/verifications/{id}.
 */
function VerifyForm({ address }) {
  const signedIn = !!session();
  const [state, setState] = useState(null);
  const submit = async (e) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const file = f.get('source');
    const text = file && file.size ? await file.text() : String(f.get('json') || '');
    const compilerVersion = String(f.get('compiler')).trim();
    const contractName = String(f.get('name')).trim();
    const constructorArgs = String(f.get('args') || '').trim();
    let standardJson;
    if (text.trim().startsWith('{')) {
      try {
        standardJson = JSON.parse(text);
      } catch {
        setState({ error: 'The standard JSON input is not valid JSON.' });
        return;
      }
    } else {
      const path = file?.name || `${contractName.split(':').pop() || 'Contract'}.sol`;
      standardJson = {
        language: 'Solidity',
        sources: { [path]: { content: text } },
        settings: { optimizer: { enabled: f.get('optimizer') === 'on', runs: Number(f.get('runs') || 200) } },
      };
    }
    setState({ loading: true });
    try {
      let id;
      if (signedIn) {
        // filflow's upload body (docs/CONTRACTS.md)
        const body = { compilerVersion, contractName, standardJson };
        if (constructorArgs) body.constructorArgs = constructorArgs;
        try {
          id = (await api(`/api/v1/contracts/${seg(address)}/source`, { method: 'POST', body })).verificationId;
        } catch (err) {
          // a filflow whose accounts do not take uploads yet: the open endpoint still verifies
          if (err.code !== 'SIGN_IN_UNAVAILABLE') throw err;
        }
      }
      if (!id) {
        const answer = await api('/api', {
          method: 'POST',
          form: {
            module: 'contract', action: 'verifysourcecode', contractaddress: address,
            codeformat: 'solidity-standard-json-input', sourceCode: JSON.stringify(standardJson),
            contractname: contractName, compilerversion: compilerVersion, constructorArguements: constructorArgs,
          },
        });
        if (answer.status !== '1') {
          setState({ error: answer.result });
          return;
        }
        id = answer.result;
      }
      let job = await api(`/api/v1/verifications/${seg(id)}`);
      while (job.status === 'pending' || job.status === 'running') {
        await new Promise((r) => setTimeout(r, 1500));
        job = await api(`/api/v1/verifications/${seg(id)}`);
      }
      setState({ result: job });
    } catch (err) {
      setState({ error: err.message });
    }
  };
  const matched = state?.result && (state.result.match === 'full' || state.result.match === 'partial');
  return (
    <section id="verify">
      <h2>Verify the source</h2>
      {!signedIn && (
        <p class="muted">Not signed in: the source goes through the open Etherscan-compatible API.{' '}
          <Link href="/sign-in">Sign in</Link> to have the verification recorded under your account.</p>
      )}
      <form class="card" id="verify-form" onSubmit={submit}>
        <label>Compiler version <input name="compiler" required placeholder="v0.8.26+commit.8a97fa7a" /></label>
        <label>Contract name <input name="name" required placeholder="MyToken or contracts/MyToken.sol:MyToken" /></label>
        <label>Source file (.sol) or standard JSON input <input name="source" type="file" accept=".sol,.json" /></label>
        <label>…or paste it <textarea name="json" rows="6" /></label>
        <label><input type="checkbox" name="optimizer" /> optimizer, runs <input name="runs" type="number" value="200" min="1" /></label>
        <label>Constructor arguments (ABI-encoded hex; empty: the creation's) <input name="args" /></label>
        <button type="submit">Verify</button>
        {state?.loading && <p class="muted">Compiling and comparing…</p>}
        {state?.error && <p class="bad" id="verify-error">{state.error}</p>}
        {state?.result && (
          <p class={matched ? 'ok' : 'bad'} id="verify-result">
            {state.result.match && state.result.match !== 'none' ? `Match: ${state.result.match}` : 'No match'}
            {state.result.reason ? ` — ${state.result.reason}` : ''}
          </p>
        )}
        {matched && <p><button type="button" id="verify-reload" onClick={() => location.reload()}>Show the verified contract</button></p>}
      </form>
    </section>
  );
}
