import Foundation

/// The HTML report's inline style sheet and script, kept apart from the markup.
///
/// Exists so the report stays one self-contained file: everything it needs is here, and the page's
/// Content-Security-Policy allows exactly these two blocks (by hash) and nothing from anywhere else.
enum AuditHTMLStyle {
  /// `default-src 'none'` plus the hashes of the style sheet and the script.
  static let contentSecurityPolicy: String = {
    func hash(_ text: String) -> String { "'sha256-" + Data(SHA256.hash(Array(text.utf8))).base64EncodedString() + "'" }
    return "default-src 'none'; style-src \(hash(css)); script-src \(hash(script)); base-uri 'none'; form-action 'none'"
  }()

  static let css = """

    :root{color-scheme:light dark;--bg:#f6f6f3;--card:#fff;--fg:#1f2328;--muted:#59636e;--line:#d9d9d3;
    --soft:#f0f0ec;--ok:#1a7f37;--okbg:#dafbe1;--warn:#9a6700;--warnbg:#fff4d4;--bad:#c42230;--badbg:#ffe5e7;
    --info:#0b63c5;--infobg:#ddeeff;--gray:#59636e;--graybg:#ececea;--del:#ffd7d5;--ins:#ccf2d4;--link:#0b63c5}
    @media (prefers-color-scheme:dark){:root{--bg:#111317;--card:#1a1d23;--fg:#e4e6ea;--muted:#9aa3ad;
    --line:#2e333b;--soft:#22262d;--ok:#4ac26b;--okbg:#16301f;--warn:#e0b23e;--warnbg:#3a2d0c;--bad:#ff7b72;
    --badbg:#43181b;--info:#6cb6ff;--infobg:#14283f;--gray:#a2abb5;--graybg:#2a2f37;--del:#5c1f24;--ins:#1b4427;
    --link:#6cb6ff}}
    *{box-sizing:border-box}
    [hidden]{display:none!important}
    html{-webkit-text-size-adjust:100%}
    body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,
    "Noto Sans","Helvetica Neue",Arial,sans-serif}
    a{color:var(--link);text-underline-offset:2px}
    code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.85em}
    .wrap{max-width:1100px;margin:0 auto;padding:0 20px}
    header.top{background:var(--card);border-bottom:1px solid var(--line);padding:28px 0 22px}
    h1{font-size:1.6rem;line-height:1.25;margin:0 0 4px}
    h1 .vault{font-weight:500;color:var(--muted);word-break:break-word}
    .meta{color:var(--muted);margin:0 0 16px;font-size:.95rem}
    .verdict-pill{display:inline-block;font-weight:600;border-radius:999px;padding:1px 10px;font-size:.85rem}
    .verdict-pill.fails{background:var(--badbg);color:var(--bad)}
    .verdict-pill.passes{background:var(--okbg);color:var(--ok)}
    .tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(92px,1fr));gap:8px;margin:0;padding:0;
    list-style:none}
    .tile{display:block;text-decoration:none;color:inherit;background:var(--soft);border-radius:10px;padding:10px 12px;
    border-top:3px solid var(--tone,var(--gray))}
    .tile .n{display:block;font-size:1.55rem;font-weight:700;line-height:1.2;font-variant-numeric:tabular-nums}
    .tile .l{display:block;font-size:.78rem;line-height:1.3;color:var(--muted)}
    .tile.zero .n{color:var(--muted);font-weight:500}
    .filters{background:var(--bg);border-bottom:1px solid var(--line);padding:10px 0}
    .filters .wrap{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:center}
    .filters label{font-size:.85rem;color:var(--muted);display:flex;gap:6px;align-items:center}
    .filters select,.filters button{font:inherit;font-size:.9rem;color:var(--fg);background:var(--card);
    border:1px solid var(--line);border-radius:6px;padding:4px 8px;max-width:240px}
    .filters button{cursor:pointer}
    .filters output{font-size:.85rem;color:var(--muted);margin-left:auto}
    main{padding:8px 0 40px}
    h2{font-size:1.25rem;margin:30px 0 12px}
    .note>h3{font-size:1rem;margin:22px 0 10px;word-break:break-word}
    .note>h3 .count{font-weight:400;color:var(--muted);font-size:.85rem;margin-left:6px}
    .card{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--gray);border-radius:10px;
    padding:14px 16px;margin:0 0 12px;overflow-wrap:anywhere}
    .card-head{display:flex;flex-wrap:wrap;gap:6px 10px;align-items:center;font-size:.85rem}
    .where{color:var(--muted)}
    .badge{display:inline-block;border-radius:6px;padding:1px 8px;font-weight:600;font-size:.8rem;
    background:var(--graybg);color:var(--gray)}
    .fail-tag{display:inline-block;border:1px solid var(--bad);color:var(--bad);border-radius:6px;padding:0 6px;
    font-size:.75rem;font-weight:600;text-transform:uppercase;letter-spacing:.04em}
    .ok{border-left-color:var(--ok)}.ok .badge{background:var(--okbg);color:var(--ok)}
    .warn{border-left-color:var(--warn)}.warn .badge{background:var(--warnbg);color:var(--warn)}
    .bad{border-left-color:var(--bad)}.bad .badge{background:var(--badbg);color:var(--bad)}
    .info{border-left-color:var(--info)}.info .badge{background:var(--infobg);color:var(--info)}
    .tile.ok{--tone:var(--ok)}.tile.warn{--tone:var(--warn)}.tile.bad{--tone:var(--bad)}.tile.info{--tone:var(--info)}
    blockquote{margin:10px 0 0;padding:2px 0 2px 14px;border-left:3px solid var(--line)}
    .quote-text{font-size:1.02rem}
    .speaker{margin:4px 0 0;color:var(--muted);font-size:.9rem}
    .label{margin:12px 0 4px;font-size:.75rem;font-weight:600;text-transform:uppercase;letter-spacing:.05em;
    color:var(--muted)}
    .passage blockquote{margin-top:0;color:var(--muted);font-size:.95rem}
    .diff ul{list-style:none;margin:0;padding:0}
    .diff li{margin:3px 0;font-size:.95rem}
    del,ins{text-decoration:none;border-radius:3px;padding:0 3px}
    del{background:var(--del);text-decoration:line-through;text-decoration-thickness:1px}
    ins{background:var(--ins)}
    .arrow{color:var(--muted);margin:0 6px}
    .none{color:var(--muted);font-style:italic}
    .classes{color:var(--muted);font-size:.8rem;margin-left:6px}
    .material .classes{color:var(--bad);font-weight:600}
    .typo{margin:8px 0 0;color:var(--muted);font-size:.85rem}
    .links{margin:12px 0 0;font-size:.88rem;display:flex;flex-wrap:wrap;gap:4px 16px}
    .conflicts{margin:10px 0 0;padding:6px 10px;border-radius:6px;background:var(--warnbg);color:var(--warn);
    font-size:.88rem}
    .sources{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,440px),1fr));gap:12px}
    .sources .card{margin:0}
    .source-title{margin:8px 0 2px;font-size:1.02rem;line-height:1.35}
    .url{margin:0 0 8px;color:var(--muted);font-size:.82rem}
    dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:8px 0 0;font-size:.88rem}
    dt{color:var(--muted)}dd{margin:0;min-width:0}
    .aff{color:var(--muted)}
    .hash{word-break:break-all}
    .diagnostics li{font-size:.9rem;margin:2px 0}
    footer.bottom{color:var(--muted);font-size:.82rem;border-top:1px solid var(--line);padding:16px 0 28px}
    @media (min-width:700px){.filters{position:sticky;top:0;z-index:2}}
    @media (max-width:560px){.wrap{padding:0 14px}h1{font-size:1.3rem}.card{padding:12px}
    dl{grid-template-columns:1fr;gap:0}dd{margin-bottom:6px}.filters output{margin-left:0;width:100%}
    .filters label{width:100%}.filters select{flex:1;max-width:none}.tiles{grid-template-columns:1fr 1fr;gap:6px}
    .tile{display:flex;align-items:baseline;gap:8px;padding:5px 10px;border-top:0;
    border-left:3px solid var(--tone,var(--gray))}
    .tile .n{font-size:1.15rem;min-width:1.4em}}

    """

  /// Filters: shows the filter bar (hidden for readers without scripts, who see everything) and toggles
  /// `hidden` on quote cards, note sections and source cards. Summary tiles set the verdict filter.
  static let script = """

    (function(){
    var bar=document.getElementById('filters');if(!bar)return;bar.hidden=false;
    var fv=document.getElementById('f-verdict'),fn=document.getElementById('f-note'),
    fs=document.getElementById('f-source'),out=document.getElementById('f-count');
    var quotes=document.querySelectorAll('.quote'),notes=document.querySelectorAll('.note'),
    sources=document.querySelectorAll('.source');
    function verdictOK(c,v){if(v==='')return true;if(v==='problems')return c.dataset.finding==='1';
    if(v==='fails')return c.dataset.fails==='1';if(v==='material')return c.dataset.material==='1';
    return c.dataset.verdict===v;}
    function apply(){var v=fv.value,n=fn.value,s=fs.value,shown=0,i;
    for(i=0;i<quotes.length;i++){var c=quotes[i];
    var ok=verdictOK(c,v)&&(n===''||c.dataset.note===n)&&(s===''||c.dataset.source===s);
    c.hidden=!ok;if(ok)shown++;}
    for(i=0;i<notes.length;i++){notes[i].hidden=!notes[i].querySelector('.quote:not([hidden])');}
    for(i=0;i<sources.length;i++){var d=sources[i];
    d.hidden=!((s===''||d.dataset.source===s)&&(n===''||(' '+d.dataset.notes+' ').indexOf(' '+n+' ')>=0));}
    out.textContent='Showing '+shown+' of '+quotes.length+' quotes';}
    [fv,fn,fs].forEach(function(e){e.addEventListener('change',apply);});
    document.getElementById('f-reset').addEventListener('click',function(){fv.value='';fn.value='';fs.value='';
    apply();});
    document.querySelectorAll('.tile[data-verdict]').forEach(function(t){t.addEventListener('click',function(){
    fv.value=t.dataset.verdict;fn.value='';fs.value='';apply();});});
    apply();
    })();

    """
}
