import { useEffect, useState } from 'preact/hooks';
import { api, seg } from '../api.js';
import { ErrorView, Loading, Link } from '../ui.jsx';
import { navigate } from '../router.js';

const LOOKS_LIKE_ADDRESS = /^([ft][0-4]|[ft]410|0x)/i;

/** Where a /search answer leads; null when the kind is unknown to this UI. */
export function destination(r, q) {
  const m = r[r.kind] || r; // a project's fields come at the top level
  switch (r.kind) {
    case 'tipset': return `/tipset/${m.height}`;
    case 'block': return `/block/${seg(m.cid)}`;
    case 'message': return `/message/${seg(m.cid)}`;
    case 'contract': return `/contract/${seg(m.actor?.id || q)}`;
    case 'address': return `/address/${seg(m.id || m.input || q)}`;
    case 'project': return `/project/${seg(m.id)}`;
    case 'projects': return `/projects?name=${encodeURIComponent(q)}`;
    default: return null;
  }
}

/** /search?q=…: asks the API what q is and goes straight to the match. */
export function Search({ query }) {
  const q = (new URLSearchParams(query).get('q') || '').trim();
  const [error, setError] = useState(null);
  useEffect(() => {
    if (!q) return undefined;
    let live = true;
    setError(null);
    api(`/api/v1/search?q=${encodeURIComponent(q)}`)
      .then((r) => {
        if (!live) return;
        const to = destination(r, q);
        if (to) navigate(to, { replace: true });
        else setError({ status: 404, message: `“${q}” is a ${r.kind}, which this explorer cannot show yet.` });
      })
      .catch((e) => {
        if (!live) return;
        // an address the index does not hold, or one that is not valid: the verifier explains it
        if ((e.status === 404 || e.status === 400) && LOOKS_LIKE_ADDRESS.test(q) && !/\s/.test(q)) navigate(`/address/${seg(q)}`, { replace: true });
        else setError(e);
      });
    return () => { live = false; };
  }, [q]);
  if (!q) return <p>Type a height, a message or block CID, an Ethereum hash, an address in any form, or a project name.</p>;
  if (error) {
    return (
      <div>
        <ErrorView error={error} what={`Nothing found for “${q}”`} />
        <p class="muted">Search takes heights, message and block CIDs, Ethereum transaction hashes, addresses in every form and project names. <Link href={`/projects?name=${encodeURIComponent(q)}`}>Look for projects named like this</Link>.</p>
      </div>
    );
  }
  return <Loading what={`results for “${q}”`} />;
}
