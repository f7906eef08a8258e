namespace Workflow.Server.ApiDocs;

/// <summary>A self-contained page over /openapi/v1.json: works offline, no third-party script.</summary>
internal static class ApiDocsPage
{
    public const string Html = """
<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>Workflow API</title>
<style>
body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:1100px;padding:1rem 2rem;color:#222}
h1{font-size:1.4rem}.op{border:1px solid #ddd;border-radius:6px;margin:.4rem 0}
.op>summary{cursor:pointer;padding:.5rem;display:flex;gap:.8rem;align-items:center}
.m{font-weight:700;min-width:4.5rem;text-align:center;border-radius:4px;color:#fff;padding:.1rem .3rem;font-size:.8rem}
.get{background:#2b7de9}.post{background:#2e9e5b}.patch{background:#c98a14}.delete{background:#c9372c}.put{background:#7a4cc2}
code,pre{font-family:ui-monospace,monospace;font-size:.85rem}pre{background:#f6f8fa;padding:.6rem;overflow:auto;max-height:24rem}
.body{padding:0 1rem 1rem}.tag{margin-top:1.4rem;border-bottom:2px solid #eee}#token{width:60%}
</style>
</head>
<body>
<h1>Workflow API · 三新领域妇联组建与运行</h1>
<p>OpenAPI: <a href="/openapi/v1.json">/openapi/v1.json</a>. 登录 <code>POST /api/auth/token</code>，再以 <code>Authorization: Bearer …</code> 调用。
Sign in, paste the access token to try GET endpoints here:</p>
<input id="token" placeholder="access token"> 
<div id="ops">加载中 / loading…</div>
<script>
const esc = s => String(s ?? '').replace(/[&<>"]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
fetch('/openapi/v1.json').then(r => r.json()).then(doc => {
  const byTag = {};
  for (const [path, item] of Object.entries(doc.paths || {}))
    for (const [method, op] of Object.entries(item))
      (byTag[(op.tags || ['other'])[0]] ??= []).push({path, method, op});
  const html = Object.entries(byTag).map(([tag, ops]) => `<h2 class="tag">${esc(tag)}</h2>` + ops.map(({path, method, op}) => `
    <details class="op"><summary><span class="m ${method}">${method.toUpperCase()}</span><code>${esc(path)}</code><span>${esc(op.summary)}</span></summary>
    <div class="body">
      ${(op.parameters || []).length ? '<h4>Parameters</h4><pre>' + esc(op.parameters.map(p => `${p.name} (${p.in})${p.required ? ' *' : ''}`).join('\n')) + '</pre>' : ''}
      ${op.requestBody ? '<h4>Body</h4><pre>' + esc(JSON.stringify(op.requestBody.content, null, 2)) + '</pre>' : ''}
      <h4>Responses</h4><pre>${esc(Object.entries(op.responses || {}).map(([c, r]) => c + ' ' + (r.description || '')).join('\n'))}</pre>
      ${method === 'get' && !path.includes('{') ? `<button data-path="${esc(path)}">Try</button><pre class="out"></pre>` : ''}
    </div></details>`).join('')).join('');
  document.getElementById('ops').innerHTML = html + '<h2 class="tag">Schemas</h2><pre>' + esc(JSON.stringify(doc.components?.schemas || {}, null, 2)) + '</pre>';
  document.querySelectorAll('button[data-path]').forEach(b => b.onclick = async () => {
    const r = await fetch(b.dataset.path, {headers: {Authorization: 'Bearer ' + document.getElementById('token').value}});
    b.nextElementSibling.textContent = r.status + '\n' + await r.text();
  });
});
</script>
</body>
</html>
""";
}
