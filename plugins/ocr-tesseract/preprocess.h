// Leptonica pre-processing of a page before OCR: DPI normalisation, background flattening,
// deskew and binarisation.
#pragma once

#include <string>

#include "lept.h"

namespace pingcha::ocr {

// auto: Sauvola on noisy or faint pages, Tesseract's own threshold on clean ones (cheaper, as good).
enum class Binarize { automatic, sauvola, otsu, none };

struct PrepOptions {
    int target_dpi = 300;
    bool deskew = true;
    Binarize binarize = Binarize::automatic;
    int sauvola_half_window = 40;  // pixels at target_dpi
    float sauvola_k = 0.27f;
};

struct Prepared {
    PixPtr grey;    // deskewed, DPI-normalised grey page (what the searchable PDF shows)
    PixPtr binary;  // what Tesseract reads (the grey page when binarize=none)
    double skew_degrees = 0;  // skew found; the page was rotated by its opposite
    int dpi = 300;
    bool degraded = false;    // noisy or faint: took the Sauvola path
    double noise = 0;         // mean neighbour difference on the background
    int contrast = 0;         // median minus 1st percentile grey level
};

// The resolution to work at: the file's, or 300 dpi (the archive standard) when it is unknown or
// implausible.
int plausible_dpi(int source_dpi);

// `bilevel`: the page came from a 1-bit scan (every pixel 0 or 255).
Prepared preprocess(PIX* grey8, int source_dpi, bool bilevel, const PrepOptions& options);

}  // namespace pingcha::ocr
