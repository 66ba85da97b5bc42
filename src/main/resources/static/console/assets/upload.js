// The upload page: files dropped on the zone or chosen, sent with a progress bar, then on to the
// drop's page. Without this script the form still works (a plain multipart POST).
(function () {
  var form = document.getElementById('upload');
  var zone = document.getElementById('drop-zone');
  var input = document.getElementById('file');
  var line = document.getElementById('progress-line');
  var bar = document.getElementById('progress');
  var text = document.getElementById('progress-text');
  var error = document.getElementById('upload-error');
  var csrf = JSON.parse(document.body.getAttribute('hx-headers') || '{}');

  ['dragenter', 'dragover'].forEach(function (type) {
    zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.add('over'); });
  });
  ['dragleave', 'drop'].forEach(function (type) {
    zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.remove('over'); });
  });
  zone.addEventListener('drop', function (e) { input.files = e.dataTransfer.files; });

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (!input.files.length) { return; }
    var data = new FormData();
    for (var i = 0; i < input.files.length; i++) { data.append('file', input.files[i]); }
    var request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.setRequestHeader('X-Requested-With', 'fetch');
    Object.keys(csrf).forEach(function (name) { request.setRequestHeader(name, csrf[name]); });
    line.hidden = false;
    error.hidden = true;
    request.upload.addEventListener('progress', function (p) {
      if (p.lengthComputable) {
        var percent = Math.round(100 * p.loaded / p.total);
        bar.value = percent;
        text.textContent = percent + ' %';
      }
    });
    request.addEventListener('load', function () {
      var body = {};
      try { body = JSON.parse(request.responseText); } catch (ignored) { }
      if (request.status === 200 && body.location) {
        window.location.assign(body.location);
      } else {
        line.hidden = true;
        error.textContent = body.message || ('The upload was refused (' + request.status + ').');
        error.hidden = false;
      }
    });
    request.addEventListener('error', function () {
      line.hidden = true;
      error.textContent = 'The connection broke off; nothing was kept. Try again.';
      error.hidden = false;
    });
    request.send(data);
  });
})();
