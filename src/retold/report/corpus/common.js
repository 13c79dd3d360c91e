// retold report helpers shared by the corpus view and the pair list (inlined before each).
// Data only ever becomes textContent; class names come from fixed vocabularies.
var RETOLD_RELATION_NAMES = {
  retelling: "retelling",
  compilation: "compilation",
  shared_quote: "shared quote",
  shared_text: "shared text",
  rewritten: "rewritten"
};

function retoldNode(tag, className, text) {
  var element = document.createElement(tag);
  if (className) { element.className = className; }
  if (text !== undefined && text !== null) { element.textContent = String(text); }
  return element;
}
