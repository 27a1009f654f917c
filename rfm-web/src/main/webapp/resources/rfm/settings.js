// settings.xhtml: a preview shows what the settings *as they were* would do. Once the reader edits the form
// after it was computed, it is marked out of date (until "Preview changes" computes it again). Loading a preset is
// marked by the server; typing and choosing is only seen here.
(function () {
    function markStale(event) {
        var form = document.getElementById('settingsForm');
        var preview = document.getElementById('settingsForm:previewPanel');
        if (!form || !form.contains(event.target) || (preview && preview.contains(event.target))) {
            return;
        }
        var result = document.getElementById('settingsForm:previewResult');
        if (result) {
            result.classList.add('rfm-stale');
        }
    }
    document.addEventListener('input', markStale, true);
    document.addEventListener('change', markStale, true);
})();
