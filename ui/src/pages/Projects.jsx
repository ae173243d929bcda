import { useState } from 'preact/hooks';
import { api, useApi, seg, session } from '../api.js';
import { Loaded, Link, Facts, Pager, usePages, useAction } from '../ui.jsx';
import { navigate } from '../router.js';

export function Projects({ query }) {
  const params = new URLSearchParams(query);
  const name = params.get('name') || '';
  const owner = params.get('owner') || '';
  // "my projects": the signed-in account's id, which the list filters by
  const me = useApi(owner === 'me' && session() ? '/api/v1/me' : null);
  const ownerId = owner === 'me' ? me.data?.id : owner;
  const pages = usePages();
  const q = new URLSearchParams();
  if (name) q.set('name', name);
  if (ownerId) q.set('owner', String(ownerId));
  q.set('limit', '25');
  if (pages.cursor) q.set('cursor', pages.cursor);
  const waiting = owner === 'me' && !ownerId;
  const res = useApi(waiting ? null : `/api/v1/projects?${q}`);
  if (owner === 'me' && !session()) {
    return <div class="narrow"><h1>My projects</h1><p><a href="/sign-in">Sign in</a> to see your projects.</p></div>;
  }
  const search = (e) => {
    e.preventDefault();
    const n = new FormData(e.currentTarget).get('name');
    pages.reset();
    navigate(n ? `/projects?name=${encodeURIComponent(n)}` : '/projects');
  };
  return (
    <div>
      <h1>{owner === 'me' ? 'My projects' : 'Projects'}</h1>
      <form class="inline" onSubmit={search} role="search">
        <label>Name <input name="name" value={name} /></label>
        <button type="submit">Search</button>
        {session() && <Link href="/projects/new" class="button">New project</Link>}
      </form>
      <Loaded res={res} what="projects">
        {(d) => (
          <div>
            {d.items.length === 0 ? <p class="muted">No projects{name ? ` named like “${name}”` : ''}.</p> : (
              <ul class="cards" id="project-list">
                {d.items.map((p) => (
                  <li key={p.id} class="card">
                    <Link href={`/project/${p.id}`}><strong>{p.name}</strong></Link>
                    {p.description && <p class="clamp">{p.description}</p>}
                  </li>
                ))}
              </ul>
            )}
            <Pager next={d.nextCursor} stack={pages.stack} onNext={() => pages.next(d.nextCursor)} onPrev={pages.prev} />
          </div>
        )}
      </Loaded>
    </div>
  );
}

export function Project({ id }) {
  const res = useApi(/^\d+$/.test(id) ? `/api/v1/projects/${seg(id)}` : null);
  const me = useApi(session() ? '/api/v1/me' : null);
  const [editing, setEditing] = useState(false);
  if (!/^\d+$/.test(id)) return <section class="notice error" role="alert"><h1>Not found</h1><p>“{id}” is not a project id.</p></section>;
  return (
    <Loaded res={res} what={`project ${id}`}>
      {(p) => {
        const mine = me.data && p.owner != null && String(me.data.id) === String(p.owner.id ?? p.owner);
        if (editing) return <ProjectForm project={p} onDone={() => { setEditing(false); res.reload(); }} />;
        return (
          <div>
            <h1 id="project-name">{p.name}</h1>
            {p.description && <p class="description" id="project-description">{p.description}</p>}
            <Facts rows={[
              p.website ? ['Website', <a href={safeUrl(p.website)} rel="noopener noreferrer nofollow" target="_blank">{p.website}</a>] : undefined,
              ['Created', p.createdAt],
              ['Updated', p.updatedAt],
            ]} />
            {mine && <p><button type="button" onClick={() => setEditing(true)}>Edit</button> <DeleteButton id={p.id} /></p>}
            <h2>Contracts</h2>
            {(p.contracts || []).length === 0 ? <p class="muted">No contracts yet.</p> : (
              <ul id="project-contracts">{p.contracts.map((c) => (
                <li key={c.address}><Link href={`/contract/${seg(c.address)}`} class="mono">{c.address}</Link>
                  {c.pending && <span class="tag" title="the index does not know this address yet">pending</span>}</li>
              ))}</ul>
            )}
          </div>
        );
      }}
    </Loaded>
  );
}

/** Only http(s) links are followed; anything else (javascript:, data:) is shown as text. */
function safeUrl(u) {
  try {
    const url = new URL(u);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function DeleteButton({ id }) {
  const del = async () => {
    if (!window.confirm('Delete this project?')) return;
    await api(`/api/v1/projects/${id}`, { method: 'DELETE' });
    navigate('/projects?owner=me');
  };
  return <button type="button" class="danger" onClick={del}>Delete</button>;
}

export function NewProject() {
  if (!session()) return <div class="narrow"><h1>New project</h1><p><a href="/sign-in">Sign in</a> to create a project.</p></div>;
  return <ProjectForm />;
}

function ProjectForm({ project, onDone }) {
  const [{ busy, error }, run] = useAction();
  const submit = (e) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body = { name: f.get('name'), description: f.get('description') };
    if (f.get('website')) body.website = f.get('website');
    const contracts = String(f.get('contracts') || '').split(/[\s,]+/).filter(Boolean);
    if (!project && contracts.length) body.contracts = contracts;
    run(async () => {
      const saved = project
        ? await api(`/api/v1/projects/${project.id}`, { method: 'PATCH', body })
        : await api('/api/v1/projects', { method: 'POST', body });
      if (onDone) onDone();
      else navigate(`/project/${saved.id}`);
    });
  };
  return (
    <div class="narrow">
      <h1>{project ? 'Edit project' : 'New project'}</h1>
      <form class="card" onSubmit={submit} id="project-form">
        <label>Name <input name="name" required maxLength="100" value={project?.name} /></label>
        <label>Description <textarea name="description" rows="5" maxLength="2000" value={project?.description} /></label>
        <label>Website <input name="website" type="url" placeholder="https://" value={project?.website} /></label>
        {!project && <label>Contracts (addresses, comma or space separated) <input name="contracts" /></label>}
        <button type="submit" disabled={busy}>{project ? 'Save' : 'Create'}</button>
        {onDone && <button type="button" class="link" onClick={onDone}>Cancel</button>}
      </form>
      {error && <p class="bad" role="alert">{error}</p>}
    </div>
  );
}
