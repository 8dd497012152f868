// A box at the end of each chapter page: the student edition in Colab (from the branch ogrenci),
// and the class hub's address in, the chapter's nbgitpuller links out (the chapter and its student
// edition), the same links as scripts/hub/link.py prints.
(() => {
  const repository = document.currentScript.dataset.repository;

  function hubLink(hub, notebook, studentEdition) {
    let folder = repository.replace(/\/+$/, '').split('/').pop().replace(/\.git$/, '');
    if (studentEdition) folder += '-ogrenci';
    const query = new URLSearchParams({
      repo: repository, branch: studentEdition ? 'ogrenci' : 'main', targetpath: folder,
      urlpath: `lab/tree/${folder}/notebooks/${notebook}`,
    });
    return `${hub.replace(/\/+$/, '')}/hub/user-redirect/git-pull?${query}`;
  }

  document.addEventListener('DOMContentLoaded', () => {
    const page = location.pathname.match(/notebooks\/([^/]+)\.html$/);
    const article = document.querySelector('article.bd-article');
    if (!page || !article) return;
    const notebook = `${page[1]}.ipynb`;
    const box = document.createElement('section');
    box.id = 'hub-baglantisi';
    const colab = 'https://colab.research.google.com/github/'
      + `${repository.replace('https://github.com/', '')}/blob/ogrenci/notebooks/${notebook}`;
    box.innerHTML = `<h2>Öğrenci baskısı ve sınıf hub'ı</h2>
      <p>Çözümleri çıkarılmış öğrenci baskısı <code>ogrenci</code> dalındadır:
      <a class="colab-ogrenci" href="${colab}">Colab'da açın</a>.</p>
      <p>Bölümü sınıfınızın JupyterHub'ında açtıracaksanız hub'ın adresini yazın; öğrencilere
      göndereceğiniz bağlantılar aşağıda belirir (kılavuzda "Bütün sınıf tek sunucuda").</p>
      <p><input type="url" placeholder="https://hub.okulum.edu.tr" size="40"
        aria-label="hub adresi"></p>
      <p class="hub-sonuc"></p>`;
    article.append(box);
    const input = box.querySelector('input');
    const result = box.querySelector('.hub-sonuc');
    input.addEventListener('input', () => {
      const hub = input.value.trim();
      result.replaceChildren();
      if (!hub) return;
      if (!/^https?:\/\/[^/]/.test(hub)) {
        result.textContent = 'Adres http:// ya da https:// ile başlamalı.';
        return;
      }
      for (const [label, edition] of [['bölüm', false], ['öğrenci baskısı', true]]) {
        const link = document.createElement('a');
        link.href = link.textContent = hubLink(hub, notebook, edition);
        link.className = edition ? 'hub-ogrenci' : 'hub-bolum';
        result.append(`${label}: `, link, document.createElement('br'));
      }
    });
  });
})();
