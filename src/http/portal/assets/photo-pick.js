/* global document */
// The report's photo on an inject's link page: a button and the chosen file's name in the page's
// language, in place of the browser's own file box (worded in the phone's language). The box stays
// in the form and carries the file; without this script it is shown as it is.
(function () {
  var input = document.getElementById('report-photo');
  var pick = document.getElementById('report-photo-pick');
  var name = document.getElementById('report-photo-name');
  var clear = document.getElementById('report-photo-clear');
  if (!input || !pick || !name || !clear) return;
  var none = name.dataset.none;

  function show() {
    var file = input.files && input.files[0];
    name.textContent = file ? file.name : none;
    clear.hidden = !file;
  }

  input.hidden = true;
  pick.parentElement.hidden = false;
  pick.addEventListener('click', function () {
    input.click();
  });
  clear.addEventListener('click', function () {
    input.value = '';
    show();
    pick.focus();
  });
  input.addEventListener('change', show);
  // A page restored from history may keep the file chosen before.
  show();
})();
