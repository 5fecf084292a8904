// Wagtail's checker runs axe with the check functions its userbar knows; a custom rule
// needs its function registered on the userbar before the userbar configures axe, which
// it does on the window's load event. This script runs right after the userbar's own.
(function () {
  // The same normalisation as the site-wide report (accessibility/checks.py): spaces and
  // punctuation trimmed, case ignored.
  const normalised = (text) =>
    text.replace(/[\s.,:;!?…»«"'()]+/g, " ").trim().toLowerCase();

  const linkTextIsClear = (node, options) => {
    const vague = new Set(((options && options.texts) || []).map(normalised));
    const name = node.getAttribute("aria-label") || node.textContent || "";
    return !vague.has(normalised(name));
  };

  customElements.whenDefined("wagtail-userbar").then(() => {
    document.querySelectorAll("wagtail-userbar").forEach((userbar) => {
      if (typeof userbar.registerCheck === "function") {
        userbar.registerCheck("check-vague-link-text", linkTextIsClear);
      }
    });
  });
})();
