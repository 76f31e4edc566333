// Progressive enhancement for the public request form: a live character count and focus on
// the error summary. The form submits and validates without any of this.
document.querySelectorAll('textarea[data-counter]').forEach(function (area) {
    var counter = document.getElementById(area.dataset.counter);
    var max = area.getAttribute('maxlength') || '2000';
    area.addEventListener('input', function () {
        counter.textContent = area.value.length + ' of ' + Number(max).toLocaleString('en-GB') + ' characters';
    });
});
var summary = document.getElementById('error-summary');
if (summary) {
    summary.focus();
}
