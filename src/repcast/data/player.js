// RepCast: the show's pages. Chapter and transcript links seek the player and play, the transcript
// follows the audio, the feed's address can be copied, and on the show's page one episode
// plays at a time. Without this script the links still open the MP3 at their time.
"use strict";

for (const button of document.querySelectorAll("button[data-copy]")) {
  const field = document.getElementById(button.dataset.copy);
  button.hidden = false;
  button.addEventListener("click", () => {
    field.select(); // so Ctrl+C works where the clipboard is not offered (file:// pages)
    if (navigator.clipboard) {
      navigator.clipboard.writeText(field.value).then(() => {
        button.textContent = button.dataset.done; // "Copied", in the page's language
      }, () => {});
    }
  });
}

// Starting one episode on the show's page pauses the one that was playing.
document.addEventListener("play", (event) => {
  for (const other of document.querySelectorAll("audio")) {
    if (other !== event.target) {
      other.pause();
    }
  }
}, true);

const audio = document.getElementById("player"); // an episode's page
if (audio) {
  // One element per caption cue, in the captions' order; a line may hold several (a
  // countdown is one line of the transcript but a cue per number in the captions).
  const cues = [...document.querySelectorAll(".transcript .cue")];
  const lines = [...document.querySelectorAll(".transcript li")];

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
      const current = index >= 0 && cues[index] ? cues[index].closest("li") : null;
      lines.forEach((item) => {
        if (item !== current) {
          item.removeAttribute("aria-current");
          return;
        }
        item.setAttribute("aria-current", "true");
        const box = item.parentElement;
        box.scrollTop = item.offsetTop - box.clientHeight / 3;
      });
    });
  };

  // The captions from the transcript on the page, for where the .vtt cannot be loaded:
  // the same cues, in the same voice.
  const fromPage = (element) => {
    element.remove();
    const track = audio.addTextTrack("captions", element.label, element.srclang);
    const list = document.querySelector(".transcript");
    const voice = list && list.dataset.voice ? `<v ${list.dataset.voice}>` : "";
    for (const cue of cues) {
      const text = cue.textContent.replace(/&/g, "&amp;").replace(/</g, "&lt;");
      track.addCue(new VTTCue(Number(cue.dataset.start), Number(cue.dataset.end), voice + text));
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
