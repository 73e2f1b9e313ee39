// A realistic page for the click benchmarks: a shop's nested layout of about 1,500 elements
// (header and navigation, sidebar, product grid, table, FAQ, a nested comment thread, footer)
// and click targets at several depths. Deterministic: every run clicks the same elements.

const repeat = (count, make) => Array.from({ length: count }, (_, index) => make(index)).join('');

const header = () => `<header class="site-header"><div class="container"><a class="logo" href="/">Shop</a>
<nav class="main-nav" aria-label="Main"><ul class="nav-list">${repeat(
  8,
  (i) => `<li class="nav-item"><a class="nav-link" href="/section-${i}">Section ${i}</a></li>`,
)}</ul></nav>
<div class="search"><input type="search" name="q" placeholder="Search" aria-label="Search">
<button id="search-go" class="btn btn-search" type="button"><span class="icon icon-search"></span></button></div>
</div></header>`;

const sidebar = () =>
  `<aside class="sidebar">${repeat(
    4,
    (g) =>
      `<section class="filter-group"><h3 class="filter-title">Filter ${g}</h3><ul class="filter-list">${repeat(
        6,
        (i) =>
          `<li class="filter-item"><label class="check"><input type="checkbox" name="f${g}-${i}"><span>Option ` +
          `${i}</span></label></li>`,
      )}</ul></section>`,
  )}</aside>`;

const card = (i) => `<article class="card product" data-product-id="p-${i}">
<div class="card-media"><img alt="" width="160" height="120"><span class="badge">New</span></div>
<div class="card-body"><h2 class="card-title"><a href="/p/${i}">Product ${i}</a></h2>
<p class="price"><span class="currency">$</span><span class="amount">${i}.99</span></p>
<ul class="tags">${repeat(3, (t) => `<li class="tag">tag ${t}</li>`)}</ul>
<div class="card-actions"><div class="btn-group"><button class="btn add-to-cart" type="button"
  data-amp-track-product="p-${i}">
<span class="icon icon-cart"></span><span class="label">Add to cart</span></button>
<button class="btn-link fav" type="button" aria-label="Save">Save</button></div></div></div></article>`;

const table = () => `<section class="orders"><h2>Recent orders</h2><div class="table-wrap"><table class="table">
<thead><tr>${repeat(5, (c) => `<th>Column ${c}</th>`)}</tr></thead><tbody>${repeat(
  24,
  (r) => `<tr class="row">${repeat(4, (c) => `<td class="cell">R${r}C${c}</td>`)}<td class="cell actions">
<button class="btn btn-small details" type="button">Details</button></td></tr>`,
)}</tbody></table></div></section>`;

const faq = () =>
  `<section class="faq"><h2>Questions</h2>${repeat(
    10,
    (i) =>
      `<details class="faq-item"><summary>Question ${i}</summary><div class="answer"><p>Answer ${i} with ` +
      `<em>some</em> text.</p></div></details>`,
  )}</section>`;

/** A reply thread nested `depth` levels: the deepest reply button sits about 40 elements down. */
const thread = (depth) =>
  depth === 0
    ? ''
    : `<div class="comment depth-${depth}"><div class="comment-body"><p class="comment-text">Comment at depth ${depth}</p>
<div class="comment-actions"><button class="btn-link reply" type="button"><span
  class="label">Reply</span></button></div></div>
<div class="replies">${thread(depth - 1)}</div></div>`;

const footer = () =>
  `<footer class="site-footer"><div class="container columns">${repeat(
    4,
    (c) =>
      `<div class="column"><h4>Column ${c}</h4><ul>${repeat(
        8,
        (i) => `<li><a href="/footer/${c}/${i}">Link ${i}</a></li>`,
      )}</ul></div>`,
  )}</div></footer>`;

export const realisticMarkup = () => `<div id="app" class="app"><div class="shell">${header()}
<div class="layout">${sidebar()}<main class="content"><div class="container">
<section class="hero"><div class="hero-inner"><h1>Spring sale</h1><p class="lead">Everything 20 % off.</p>
<div class="cta"><button id="hero-cta" class="btn btn-primary" type="button"><span
  class="label">Shop now</span></button></div></div></section>
<section class="products"><div class="grid">${repeat(48, card)}</div></section>
${table()}${faq()}<section class="discussion"><h2>Discussion</h2>${thread(10)}</section>
</div></main></div>${footer()}</div></div>`;

/**
 * What the clicks land on, cycled in this order: a span inside a button or the button itself,
 * from the header (depth 6) to the deepest reply (depth 37).
 */
export const REALISTIC_TARGETS = [
  '#search-go .icon',
  '#hero-cta .label',
  '.card:nth-child(3) .add-to-cart .label',
  '.card:nth-child(17) .fav',
  '.card:nth-child(30) .add-to-cart',
  '.row:nth-child(5) .details',
  '.row:nth-child(20) .details',
  '.comment.depth-8 > .comment-body .reply .label',
  '.comment.depth-4 > .comment-body .reply',
  '.comment.depth-1 > .comment-body .reply .label',
];
