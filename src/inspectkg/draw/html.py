"""A drawing as one self-contained HTML page: inline SVG and a small vanilla-JS
viewer (pan, zoom, drag boxes, hover for details, find a label).  Nothing is
loaded from another host.  Every piece of document text is escaped, and the
script only ever puts text into the page with ``textContent``.
"""

from __future__ import annotations

from html import escape

from .layout import FONT_SIZE, LINE, PAD_X, PAD_Y, Grid, Scene

_STYLE = """
body{font-family:"DejaVu Sans",Verdana,sans-serif;margin:0;color:#222;background:#fff}
header{padding:8px 16px;border-bottom:1px solid #ddd;display:flex;gap:16px;align-items:center;flex-wrap:wrap}
header h1{font-size:17px;margin:0}
#find{padding:3px 6px;font:inherit;font-size:13px}
#stage{position:relative}
svg#view{cursor:grab;display:block}
#tip{position:fixed;right:12px;bottom:12px;max-width:420px;white-space:pre-wrap;background:#fffff4;
  border:1px solid #999;padding:8px;font-size:12px;display:none;box-shadow:0 1px 4px #0003}
.box rect{stroke-width:1} .box.hit rect{stroke-width:3} .box{cursor:move}
.link{fill:none;opacity:.7} .link.hot{opacity:1;stroke-width:3}
.dim{opacity:.15}
table.grid{border-collapse:separate;border-spacing:2px;margin:16px;font-size:13px}
table.grid th{font-weight:bold;padding:4px 8px;vertical-align:bottom}
table.grid th.row{white-space:nowrap;text-align:left;font-weight:normal;vertical-align:middle}
table.grid td{padding:6px 10px;text-align:center;min-width:90px}
.legend{margin:0 16px 8px;font-size:13px} .legend span.sw{display:inline-block;width:18px;height:11px;
  border:1px solid #555;margin:0 4px 0 12px;vertical-align:middle}
.notes{margin:0 16px 16px;color:#555;font-size:12px}
table.grid th.band{border-bottom:1px solid #555;text-align:center}
table.grid .divide{border-left:3px dashed #555}
"""

_SCRIPT = r"""
(function(){
  var svg=document.getElementById('view'), world=document.getElementById('world');
  var tip=document.getElementById('tip');
  var t={x:0,y:0,k:1}, drag=null;
  function apply(){world.setAttribute('transform','translate('+t.x+','+t.y+') scale('+t.k+')');}
  function pt(e){var r=svg.getBoundingClientRect();return {x:e.clientX-r.left,y:e.clientY-r.top};}
  var boxes={};
  Array.prototype.forEach.call(document.querySelectorAll('.box'),function(g){
    var r=g.querySelector('rect');
    boxes[g.getAttribute('data-id')]={g:g,x:+r.getAttribute('x'),y:+r.getAttribute('y'),
      w:+r.getAttribute('width'),h:+r.getAttribute('height'),dx:0,dy:0};
  });
  var links=Array.prototype.slice.call(document.querySelectorAll('.link'));
  function route(l){
    var a=boxes[l.getAttribute('data-s')], b=boxes[l.getAttribute('data-t')]; if(!a||!b) return;
    var ax=a.x+a.dx, ay=a.y+a.dy+a.h/2, bx=b.x+b.dx, by=b.y+b.dy+b.h/2, d;
    if(Math.abs(a.x-b.x)<1){d='M'+ax+','+ay+' C'+(ax-60)+','+ay+' '+(bx-60)+','+by+' '+bx+','+by;}
    else if(a.x<b.x){ax+=a.w;var m=(ax+bx)/2;d='M'+ax+','+ay+' C'+m+','+ay+' '+m+','+by+' '+bx+','+by;}
    else{bx+=b.w;var m2=(ax+bx)/2;d='M'+ax+','+ay+' C'+m2+','+ay+' '+m2+','+by+' '+bx+','+by;}
    l.setAttribute('d',d);
  }
  links.forEach(route);
  function show(text){if(!text){tip.style.display='none';return;} tip.textContent=text; tip.style.display='block';}
  function focusOn(id){
    links.forEach(function(l){var on=l.getAttribute('data-s')===id||l.getAttribute('data-t')===id;
      l.classList.toggle('hot',on); l.classList.toggle('dim',!on);});
  }
  function clear(){links.forEach(function(l){l.classList.remove('hot');l.classList.remove('dim');});}
  Object.keys(boxes).forEach(function(id){var b=boxes[id];
    b.g.addEventListener('mouseenter',function(){show(b.g.getAttribute('data-tip'));focusOn(id);});
    b.g.addEventListener('mouseleave',function(){if(!drag){show('');clear();}});
    b.g.addEventListener('mousedown',function(e){e.stopPropagation();var p=pt(e);
      drag={box:b,x:p.x,y:p.y,dx:b.dx,dy:b.dy};});
  });
  links.forEach(function(l){
    l.addEventListener('mouseenter',function(){show(l.getAttribute('data-tip'));l.classList.add('hot');});
    l.addEventListener('mouseleave',function(){show('');l.classList.remove('hot');});
  });
  svg.addEventListener('mousedown',function(e){var p=pt(e);drag={pan:true,x:p.x,y:p.y,tx:t.x,ty:t.y};});
  window.addEventListener('mousemove',function(e){if(!drag)return;var p=pt(e);
    if(drag.pan){t.x=drag.tx+p.x-drag.x;t.y=drag.ty+p.y-drag.y;apply();return;}
    var b=drag.box;b.dx=drag.dx+(p.x-drag.x)/t.k;b.dy=drag.dy+(p.y-drag.y)/t.k;
    b.g.setAttribute('transform','translate('+b.dx+','+b.dy+')');links.forEach(route);});
  window.addEventListener('mouseup',function(){drag=null;});
  svg.addEventListener('wheel',function(e){e.preventDefault();var p=pt(e),f=e.deltaY<0?1.15:1/1.15;
    t.x=p.x-(p.x-t.x)*f;t.y=p.y-(p.y-t.y)*f;t.k*=f;apply();},{passive:false});
  var find=document.getElementById('find');
  find.addEventListener('input',function(){var q=find.value.toLowerCase();
    Object.keys(boxes).forEach(function(id){var g=boxes[id].g;
      var hit=q&&g.textContent.toLowerCase().indexOf(q)>=0; g.classList.toggle('hit',!!hit);
      g.classList.toggle('dim',!!q&&!hit);});});
  apply();
})();
"""


def to_html(picture: Scene | Grid) -> str:
    body = _grid(picture) if isinstance(picture, Grid) else _scene(picture)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{escape(picture.title)}</title><style>{_STYLE}</style></head>\n<body>\n{body}\n</body></html>\n"
    )


def _scene(sc: Scene) -> str:
    out = [f"<header><h1>{escape(sc.title)}</h1><input id=\"find\" type=\"search\" placeholder=\"find a label\">"
           "<span style=\"color:#666;font-size:12px\">drag to pan, wheel to zoom, drag a box to move it, "
           "hover for details</span></header>",
           f"<div id=\"stage\"><svg id=\"view\" width=\"{sc.width:.0f}\" height=\"{sc.height:.0f}\" "
           f"viewBox=\"0 0 {sc.width:.0f} {sc.height:.0f}\" font-size=\"{FONT_SIZE}\"><defs>"
           "<marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" "
           "orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs><g id=\"world\">"]
    for item in sc.legend:
        if item.line:
            dash = ' stroke-dasharray="5,3"' if item.dashed else ""
            out.append(f'<line x1="{item.x}" y1="{item.y + LINE / 2}" x2="{item.x + 20}" y2="{item.y + LINE / 2}" '
                       f'stroke="{item.edge}" stroke-width="2"{dash}/>')
        else:
            out.append(f'<rect x="{item.x}" y="{item.y + 1}" width="20" height="{LINE - 2}" fill="{item.fill}" '
                       f'stroke="{item.edge}"/>')
        out.append(f'<text x="{item.x + 26}" y="{item.y + FONT_SIZE}">{escape(item.text)}</text>')
    for label in sc.labels:
        weight = ' font-weight="bold"' if label.bold else ""
        out.append(f'<text x="{label.x}" y="{label.y + label.size}" font-size="{label.size}" fill="{label.color}"'
                   f'{weight}>{escape(label.text)}</text>')
    for link in sc.links:
        dash = ' stroke-dasharray="5,3"' if link.dashed else ""
        out.append(f'<path class="link" data-s="{escape(link.source)}" data-t="{escape(link.target)}" '
                   f'data-tip="{escape(link.tooltip)}" stroke="{link.color}" stroke-width="{link.width:.1f}"{dash} '
                   'marker-end="url(#arrow)"/>')
    for b in sc.boxes:
        weight = ' font-weight="bold"' if b.bold else ""
        lines = "".join(f'<tspan x="{b.x + PAD_X:.1f}" y="{b.y + PAD_Y + FONT_SIZE + i * LINE:.1f}">{escape(t)}</tspan>'
                        for i, t in enumerate(b.lines))
        out.append(f'<g class="box" data-id="{escape(b.id)}" data-tip="{escape(b.tooltip)}">'
                   f'<rect x="{b.x:.1f}" y="{b.y:.1f}" width="{b.w:.1f}" height="{b.h:.1f}" rx="3" '
                   f'fill="{b.fill}" stroke="{b.edge}"/><text{weight}>{lines}</text></g>')
    out.append("</g></svg><div id=\"tip\"></div></div>")
    out.append(f"<script>{_SCRIPT}</script>")
    return "\n".join(out)


def _grid(grid: Grid) -> str:
    starts = _band_starts(grid)
    out = [f"<header><h1>{escape(grid.title)}</h1></header>", '<table class="grid">']
    if grid.bands:
        out.append("<tr><th></th>" + "".join(f'<th class="band{" divide" if b else ""}" colspan="{n}">{escape(t)}</th>'
                                            for b, (t, n) in enumerate(grid.bands)) + "</tr>")
    out.append(f'<tr><th class="row" style="color:#666">{escape(grid.corner)}</th>')
    out += [f"<th{_divide(j, starts)}>{'<br>'.join(escape(t) for t in lines)}</th>"
            for j, lines in enumerate(grid.col_labels)]
    out.append("</tr>")
    for label, row in zip(grid.row_labels, grid.cells):
        out.append(f'<tr><th class="row">{escape(" ".join(label))}</th>')
        for j, cell in enumerate(row):
            if cell is None:
                out.append(f'<td{_divide(j, starts)} style="background:#fafafa"></td>')
                continue
            dark = cell.fill in ("#1a7a3c", "#c62f33")
            out.append(f'<td{_divide(j, starts)} style="background:{cell.fill};color:{"#fff" if dark else "#111"}" '
                       f'title="{escape(cell.tooltip)}">{"<br>".join(escape(t) for t in cell.lines)}</td>')
        out.append("</tr>")
    out.append("</table>")
    for title, items in grid.legend_rows:
        swatches = "".join(f'<span class="sw" style="background:{i.fill}"></span>{escape(i.text)}' for i in items)
        out.append(f'<div class="legend">{escape(title)}: {swatches}</div>')
    out += [f'<p class="notes">{escape(n)}</p>' for n in grid.notes]
    return "\n".join(out)


def _band_starts(grid: Grid) -> set[int]:
    """The first column of every band but the first: where the divide between scales is drawn."""
    starts, at = set(), 0
    for b, (_, count) in enumerate(grid.bands):
        if b:
            starts.add(at)
        at += count
    return starts


def _divide(column: int, starts: set[int]) -> str:
    return ' class="divide"' if column in starts else ""
