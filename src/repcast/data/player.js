// RepCast: the show's pages. Chapter and transcript links seek the player and play, the transcript
// follows the audio, and the feed's address can be copied. Without this script the links
// still open the MP3 at their time.
"use strict";

for (const button of document.querySelectorAll("button[data-copy]")) {
  const field = document.getElementById(button.dataset.copy);
  button.hidden = false;
  button.addEventListener("click", () => {
    field.select(); // so Ctrl+C works where the clipboard is not offered (file:// pages)
    if (navigator.clipboard) {
      navigator.clipboard.writeText(field.value).then(() => {
        button.textContent = "Copied";
      }, () => {});
    }
  });
}

const audio = document.querySelector("audio");
if (audio) {
  const lines = [...document.querySelectorAll(".transcript a[data-start]")];

  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-start]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    event.preventDefault();
    audio.currentTime = Number(link.dataset.start);
    audio.play().catch(() => {}); // a refusal leaves the player paused at the spot
  });

  const follow = (track) => {
    track.mode = "hidden"; // loads the cues; the page shows them as the transcript
    track.addEventListener("cuechange", () => {
      const cue = track.activeCues[0];
      const index = cue ? Array.prototype.indexOf.call(track.cues, cue) : -1;
      lines.forEach((link, i) => {
        const item = link.parentElement;
        if (i !== index) {
          item.removeAttribute("aria-current");
          return;
        }
        item.setAttribute("aria-current", "true");
        const box = item.parentElement;
        box.scrollTop = item.offsetTop - box.clientHeight / 3;
      });
    });
  };

  // The captions from the transcript on the page, for where the .vtt cannot be loaded.
  const fromPage = (element) => {
    element.remove();
    const track = audio.addTextTrack("captions", element.label, element.srclang);
    for (const link of lines) {
      const text = link.nextElementSibling.textContent;
      track.addCue(new VTTCue(Number(link.dataset.start), Number(link.dataset.end), text));
    }
    follow(track);
  };

  const element = audio.querySelector("track");
  if (element && location.protocol === "file:") {
    // Chromium refuses a <track> from a file:// page (and says so on the console).
    fromPage(element);
  } else if (element) {
    element.addEventListener("error", () => fromPage(element), { once: true });
    follow(element.track);
  }
}
