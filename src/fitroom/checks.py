"""Automatic checks for the faults a shopper sees in a try-on render.

Each check is a pure function, arrays in and a number out, so `fitroom eval` can fail a
pair for what the eye would catch and each check can be tested on a drawn picture:

- `skin_texture` and `skin_shading`: rebuilt skin against the person's own visible skin
  (fine texture, and broad shading across it); flat, plastic skin scores near 0.
- `skin_grain`: the rebuilt skin's own fine grain (a rebuilt arm stippled with the old
  sleeve's knit or plaid, taken for the skin's grain, reads several times real skin's).
- `skin_detail`: the rebuilt skin's detail between the finest grain and its broad
  shading (pores, fine hair, small blotches) against the person's own: drawn noise
  matches the grain, and a smooth fill enlarged from the analysis size has none of this.
  Read on rebuilt forearms only (as `skin_texture`): a chest is smoother than them.
- `chest_texture`: the fine texture of the rebuilt trunk, shoulders and upper arms over
  a real bare chest's most (a man's hairy forearms laid as the chest's detail: a hairy,
  speckled sticker), or under its least (a flat fill).
- `chest_slab`: the rebuilt upper chest's fine texture over the person's own neck's (a
  chest bared by a low neckline rebuilt as one smooth slab).
- `chest_tone`: the colour difference between the rebuilt upper chest and the person's
  own neck just above the old neckline (a chest bared by a cami in the lit face's tone,
  a pale peach slab below a brown neck).
- `chest_flat`: how much the rebuilt upper chest's lightness varies down its middle
  over how much the person's own neck's varies across (a chest rebuilt as one even
  colour from the neck down, below a shaded neck, scores near 0).
- `chest_dim`: how much darker (Lab L) the rebuilt chest is than the person's own bare
  arms as shot (a chest bared by a cami lit by a dark floral shirt's print, a dull slab
  below the bright arms).
- `chest_spread`: the rebuilt chest's spread of lightness over the person's own bare
  arms' (a chest bared by a cami rebuilt as one smooth fill beside lit, shaded arms).
- `skin_tone`: the colour difference between the rebuilt skin and the person's own
  visible skin nearest it (rebuilt arms paler or yellower than the hands beside them),
  that skin told by its hue at any lightness (`skin_by_hue`): a dark glossy face's
  cheeks read far lighter than the arms, and skin within reach of that reading left
  their shaded half out, so a pink-beige strip beside dark arms read near them.
- `leg_tone_step`: how much lighter (Lab L) a rebuilt thigh is just above the person's
  own visible leg below it (knees, shins) than that leg, and `leg_side_shade`: how much
  darker the own leg's sides are than its middle over the rebuilt thigh's (a thigh
  rebuilt pale and flat above the person's own shaded shins reads as two materials);
  `leg_detail`: the rebuilt thigh's detail there over the own leg's (a smooth fill above
  a grainy shin).
- `legs_smooth`: the detail of the legs rebuilt below the hips over the person's own
  skin's (legs rebuilt from trousers as smooth as plastic).
- `arm_pale`: how much paler and greyer than the hand a rebuilt forearm's upper half is
  (an upper forearm in a lit face's tone under the hand's own colour).
- `upper_arm_pale`: how much paler and greyer a rebuilt upper arm is than the person's
  own bare arm below it (an upper arm bared from a short sleeve in a lit face's tone,
  a peach block above a brown arm).
- `arm_rim`: how much of the rim between the person's own kept arm and the rebuilt
  torso beside it, where the old garment was, is pale and grey against the arm (the old
  white top's edge, or part of it, left as a line down the arm's side).
- `arm_rim_kept`: how much of the rim just beside the person's own arm, on the old
  garment's place and off the new garment, is left as shot and paler or greyer than the
  arm (the old white top's edge or shaded side kept with the arm's widened mask: white
  flecks, lines and notches down the arm beside the new top, whatever is rebuilt next to
  them).
- `skin_step`: how long the steps in lightness inside the rebuilt skin run (a limb's
  shading switched to the torso's at one line, a vertical step beside the arm; an old
  armhole's outline kept as a line down the bared shoulder).
- `old_straps_left`: how long the old top's straps stay on the shoulders beside the new
  garment (pixels of its colour left as they were, round the line from the neck to each
  shoulder joint).
- `limb_taper`: how far a rebuilt upper arm's outer contour lies from the bone near the
  elbow over near the shoulder (a bared arm rebuilt as a straight-sided block, as wide
  at the elbow as at the shoulder, scores about 1; an arm tapers to about 0.75).
- `shoulder_rise`: how far the figure's outline climbs going out along a bared shoulder
  from beside the neck to past the arm's top (an arm's round cap standing above a level
  shelf of rebuilt skin as a ball, a notch between them); a shoulder slopes down.
- `upper_arm_reach`: how far out from the bone a rebuilt upper arm's outer contour lies
  below the armpit, in shoulder widths (an arm rebuilt as wide as the old loose sleeve
  round it, a fat tube, reaches 0.15 and more on a slim person; an arm about 0.1-0.13).
- `arm_hem_step`: how far the arm's outer contour steps where a rebuilt upper arm meets
  the person's own arm below an old short sleeve's hem (an upper arm rebuilt as a slab
  as wide as the sleeve, standing out past the narrower kept arm), in shoulder widths.
- `upper_arm_over_hand`: how far out from the bone a rebuilt upper arm's nearer side lies
  over half the person's own hand's width below it (an arm rebuilt from a long sleeve as
  wide as the sleeve, three wrists wide, scores far above a real arm's).
- `forearm_taper`: how wide a rebuilt forearm is across near the wrist over a third of
  the way down from the elbow (a forearm rebuilt as a straight-sided tube scores about 1
  or more; a bare forearm, swelling below the elbow and narrowing to the wrist, 0.3-0.8).
- `arm_round`: how much darker a rebuilt arm's skin is at both its edges than at its
  lightest across (the less dark side, over the lightest): a real arm turns away from
  the light on both sides, a tube lit flat to its cut edge does not.
- `calf_swell`: how much wider a rebuilt lower leg is across the calf than a straight
  cone from below the knee to above the ankle (legs rebuilt below a new dress as cones
  read 0; a bare lower leg swells at the calf).
- `sleeve_coverage`: how much of each arm a sleeved garment's sleeves cover.
- `armpit_hole`: the largest dark spot inside the garment round either armpit, where
  the sleeve meets the body's side (a hole to a shopper), in thousandths of a square
  shoulder width.
- `side_notch`: what a top leaves uncovered in notches and holes up its sides, between
  its own pixels above and below (the person's bare waist beside a hanging arm kept in
  front of the new top), in hundredths of a square shoulder width.
- `arm_side_pale`: pale pixels (the old top, the backdrop) left in slivers and notches
  between a top's side and the bare arm hanging beside it, where worn the cloth meets
  the arm, in hundredths of a square shoulder width.
- `side_ragged`: how far a top's sides, below the armpits to the hem, stray from their
  running median (bites, steps, lumps where it was cut to a ragged arm mask), RMS in
  thousandths of the shoulder width.
- `asymmetry`: how unevenly the garment sits either side of the body's midline.
- `old_colour_left`: the old garment's colours still showing where the new garment or
  skin should be.
- `old_colour_bare`: the old garment's colours still showing where the new garment is
  not: on what the engine took for the old garment, and in a band beside the new
  garment over the body (a strip of the old top between the new panel and the arm, an
  old hem below the new one, an old collar above its neckline).
- `bottom_old_beside`: the old bottom's colours still showing on the person beside a new
  bottom, hips to ankles, for each pixel of the new bottom there (blocks of old chinos
  left round the hands, old wide legs beside or between narrower new ones).
- `old_thighs_beside`: the same, with the old bottom's colours read on the photo across
  the upper thighs, not on the engine's own mask (an old dress's skirt left beside new
  jeans, taken for the top the new bottom leaves on).
- `bottom_old_at_hips`: the same read on the old bottom as shot beside the hip joints
  and above them (an old waistband's corners left beside a new one under a crop top).
- `bottom_rim_left`: the old bottom's own mask as found at full size left as shot beside
  a new bottom, hips to knees (a pale pair of jeans' lit side beside the arm), for each
  pixel of the new bottom there: what the checks by its colours miss.
- `bottom_short`: how far (torso lengths) a full-length product's hem ends above the
  ankles.
- `bare_legs_changed`: the share of a person's bare legs as shot (below the hips, of
  the skin's hue, not the old clothes') below a new dress that the render redrew (bare
  thighs in a beige skirt's shade taken for it and rebuilt as flat, notched blocks).
- `bottom_redrawn`: the share of the old bottom as shot (plainly its colour, joined
  across the thighs) below the hips and beside or below a new top that the render
  redrew (black trousers taken into a striped shirt's long hem, rebuilt as a skin blob
  and mirrored chevrons).
- `bottom_sides_redrawn`: the same read on the old bottom's sides at the hips (beside
  the hip joints, from the waist to below the hands) beside or below a new top: jeans'
  or a skirt's sides taken into the old top's sleeve band along a hanging arm and
  rebuilt as mirrored blocks of denim and backdrop.
- `bottom_print_redrawn`: the share of the old bottom's print as shot (busy, where the
  engine finds the old bottom) from the waist down, beside or below a new top, that the
  render redrew (a zebra skirt's white, a white tee's colour, taken into the old tee and
  rebuilt under every new top as skin and debris).
- `bottom_to_edge`: on a photo cut above the knees (both knees placed below its bottom
  edge), the share of the photo's bottom rows across the thighs (less hands,
  forearms and a kept top in front) that a knee-length or longer bottom or dress leaves
  uncovered: it must run on to the photo's edge as the legs do, not end in a strip of
  the old bottom or of rebuilt thighs.
- `hem_above_shoes`: how far (torso lengths) a long skirt's or dress's hem lies below the
  lower ankle joint: a hem at the joints bares a strip of ankle above the shoes (rebuilt
  from the old trousers, smeared).
- `inseam_left`: skin or the old bottom's colours between a new bottom's two legs below
  the crotch (a strip of the old trousers or of rebuilt skin where the new legs stand
  further apart than the body's), for each pixel of the new bottom there.
- `crotch_wedge`: the new bottom's pixels down the middle between its legs, from below
  the crotch to the knees, in the product photo's backdrop colour, lit or in shade, and
  unlike the garment's own (the backdrop seen between the product's legs cut out as
  cloth: a pale or grey wedge below the crotch), for each pixel of the new bottom there.
- `legs_one_column`: at the knees, the share of rows in which new trousers show one
  column of cloth between the person's two knees: neither a gap between their legs nor
  the inseam's darker line where they meet (wide jeans on legs standing together drawn
  as one slab, a long skirt of denim).
- `old_sliver`: the old garment's colours in a thin band just outside the new garment's
  outline where the old garment was (flecks or a strip of the old top between the new
  panel and the arm, a thin line of it below the new hem): too thin for `old_colour_bare`.
- `loose_fill`: the share of a loose old top's place inside the person's silhouette, above
  the waist, refilled as neither new garment nor skin (a wide sleeve's rest beside the
  arm, a sweater's body under the armpit), that is not the backdrop round it: dark bits
  of the old sleeve, or skin and garment smeared in streaks (`backdrop_smear` reads only
  outside the silhouette).
- `bottom_fill`: `loose_fill` below the hip joints beside a new bottom narrower than the
  old one (jeans for a wide skirt): the old bottom's place refilled as neither new
  garment nor leg, off the backdrop round it (the hands' skin as a pink haze by them, the
  old skirt's colour back beside the jeans).
- `hip_fill`: `loose_fill` below the waist, beside the new top's or dress's sides on its
  own rows (a skirt or dress wider than a straight tee at the hip): the old garment's
  place there refilled as neither new garment nor skin, off the backdrop round it (the
  old skirt carried up, or its blend with the fill, as a grey or pale block).
- `backdrop_seam`: the share of the refilled backdrop's rim (just inside where it meets
  the photo's own backdrop, outside the person) whose colour steps by over
  `BACKDROP_SEAM_STEP` from that backdrop just beyond it: a grey halo round the
  shoulders over a white wall, a blurred block with a hard edge against a busy crowd
  (`backdrop_smear` compares with the backdrop's mean further round, which may be
  another band of the wall).
- `bottom_streaks`: how much less the trousers or skirt rebuilt over a long old top's
  place below the hips change in lightness down their columns, against across them,
  than the person's own bottom below its hem (a coat to the shins refilled with each
  column's colour carried up from the cuffs: a slab of vertical streaks).
- `old_rim`: the share of the old garment's outline beside rebuilt skin, over the
  person's soft edge and the backdrop, still mostly its colour: the picture there read as
  the backdrop round it, the rebuilt skin beside it and the old garment's own colour
  mixed, with over `OLD_RIM_MIX` of the last (a lilac line along an old sleeve's outline
  beside the arm rebuilt from it, the backdrop inside it never refilled). `old_outline`
  leaves out the band by rebuilt skin, whose own edge is a step there.
- `coat_skirt_left`: how much of a long coat's skirt (found on the photo, below the
  hips down to its hem over the trousers) a new top leaves untouched.
- `coat_panel_left`: how much of an open coat's, jacket's or cardigan's panels and
  sleeves (found on the photo: the sleeves' colour where the chest shows another top)
  a new top leaves untouched beside it.
- `old_hem_left`: how much of an old top's hem line, over bottoms of its colour (a
  white tank over white shorts), still shows below a shorter new top.
- `outer_coat_cut`: how much of an open coat of any colour (camel, tan suede, a dark
  green parka; found on the photo, `outer_coat.outer_coat`), worn over the top, any new garment
  changed: covered or rebuilt, where it is the outer layer and stays.
- `face_overlap`: the share of the face under the garment.
- `neck_band`: the share of the neck, above the shoulders' line, that the new garment
  covers unlike the photo there, darker or lighter (a product photo's inside back, its
  label, pasted as a band across the neck).
- `neck_label`: the largest compact patch, over the same neck, of the new garment unlike
  the garment round it there (a product photo's brand label, worn on the throat with the
  inside back it is sewn in, of the front's own colour, so no band to the eye of
  `neck_band` where the photo's neck was as dark); centred on the neck's midline, as a
  label is sewn at the centre back, and of a colour not shown again on the chest, so a
  print's flowers or leaves at the neckline are not counted.
- `neckline_specks`: dark pieces of the new garment along its top edge across the neck
  (a product photo's back rim, its print or zip, seen above a shallow front neckline and
  pasted at the neckline's corners), darker than the garment just below; a collar or
  trim running the whole neckline is the garment's own and not counted.
- `collar_left`: how much of the old garment (a hood's sides, a coat's or a shirt's
  collar) stays round the neck above the new neckline: unchanged, on the person, neither
  skin nor face nor hair.
- `hood_left`: how much of the old garment (a hood's sides, a collar's points) stays
  beside the face, from above the mouth down to the chin: unchanged, on the person, not
  skin nor hair, over the squared eye span.
- `jaw_hair_cut`: the share of the person's hair beside the lower face (from the eyes' line
  down to the chin's, in one piece with the hair above the eyes or at the photo's top)
  that the render changed: dark hair over a dark old top taken for it and cut into
  blocks beside the jaw.
- `neck_cut`: the share of the person's own neck outline (skin in the photo beside the
  backdrop, from the shoulders' midpoint up to the chin, clear of the new garment) that
  the render changed: a notch cut into the neck's side, or its outline smeared out.
- `shoulder_wedge`: how much of the person's own outline over the shoulders beside the
  neck, above the new garment, the render redrew paler than the skin, towards the
  backdrop (a pale wedge cut into the shoulder beside the neck, a haze over its top).
- `shoulder_overhang`: how much garment lies over the backdrop just above and beside
  the shoulders (a panel's shoulder corners poking up past a sloping shoulder).
- `shoulder_wing`: how much garment lies over the backdrop beside the shoulders, below
  their line (a sleeveless top's cap shoulders standing out past the arms as wings).
- `shoulder_bare`: how much of the person's own shoulder stands uncovered just above a
  top's panel beside the neck (a seam lying below the shoulder: a ledge of skin).
- `shoulder_shelf`: how much of the person's own silhouette as shot stands above a
  top's shoulders beside the neck, where that silhouette ends within a shelf's height
  of the garment (the top's shoulder line below the body's: a shelf of skin above it).
- `strap_out`: where a strappy top's straps cross the shoulders, as a share of the way
  from the neck's side out to the shoulder's tip (a cami's straps out on the shoulder
  tips or the arms' tops, not beside the neck).
- `shoulder_lumps`: how far the garment's outline over the backdrop round the shoulders
  strays from a smooth curve (bumps, humps and notches along a dark tee's shoulders).
- `shoulder_outline_rough`: how far the garment's top edge over the backdrop on either
  shoulder dips under the smooth roof laid over it, in shoulder widths (a tee's torn,
  knobbly shoulders: an old strap's knob beside the neck, a notch, a cap standing up).
- `shoulder_notch`: how far the rendered figure's top over either shoulder (the person as
  kept, the rebuilt skin and the new garment) dips under the convex roof laid over it,
  in shoulder widths (a square notch refilled from the backdrop where the rebuilt
  shoulder's top meets the arm's round cap).
- `width_ratio`: the garment's width against the body's, across the body.
- `edge_cut`: the share of the new garment's outline against the backdrop where the
  picture steps from the backdrop to mostly garment within one pixel (a hard, stepped,
  stippled rim down a sleeve's side, a fainter second edge beside it), not a soft edge.
- `outline_specks`: the share of the new garment's solid rim over the backdrop darker
  than the darkest of its own cloth round it (black pinholes along a red tee's shoulders,
  a frayed, burnt-looking outline).
- `rim_flat`: how much of a printed or woven garment's fine detail is left in its rim
  over the backdrop (the solid cloth within a few pixels of its outline) against the
  cloth just inside (a gingham's or leopard print's shoulders ringed by a flat band of
  its mean colour, a pink or grey outline drawn round them).
- `rim_mottle`: for a plain cloth, how much more fine detail its rim over the backdrop
  has than the cloth well inside (a black tee's shoulders ringed by a lacy, speckled
  band: its washed weave mirrored into the strip up to the person's old outline).
- `bodice_width`: a dress's width against the trunk's from the armpits to the waist
  (strips of rebuilt skin or of the old top left between a narrow bodice and the arms).
- `skirt_width`: a dress's width against the body's from the hips a way down the thighs,
  beside the hanging hands (a skin wedge, a backdrop column or flecks of the old wide
  trousers left between a narrow skirt and the arm).
- `waist_pinch`: for a top, how far its width across the body dips at the waist below
  the narrower of its widest above and below (a share of that): a tee cut to a fitted old
  dress's narrow waist is an hourglass.
- `hand_changed`: the share of the person's own hand, seen in front, that the render
  changed (a hand covered by the new garment, or cut up by it).
- `held_lost`: the share of a thing the person holds in front of the old garment (a
  phone, a fruit, an ice cream, a bag: touching a hand, of none of the garment's colours
  and not skin, as the classic engine reads it) that the render changed: drawn over
  with the old garment, the hand held nothing.
- `raised_arm_changed`: the same for a bare forearm raised in front of the shoulder (a
  phone held up to a mirror, a cup at the mouth), not under a new long sleeve: drawn
  over by the new top's body and sleeve, or left to the rebuild as a flat ghost arm.
- `arm_changed`: the same for a bare forearm crossed in front of the torso (an arm
  covered by the new top or dress and rebuilt beside it), or, for a bottom or dress, one
  hanging in front of the hips to a hand on the thigh (covered, it left the hand floating
  on the new garment, cut square at the wrist).
- `arm_cut`: the largest share of any strip across a bare forearm crossed in front of
  the torso (with what it wears up to the hand: a bangle, a watch) that the render
  changed: the new garment drawn across the arm through a bangle of the old top's colour
  cut it in two, though the rest of the arm, kept, passed `arm_changed`.
- `top_hem_changed`: for a bottom, the share of the kept top's lower part (below the
  waist, as the photo shows it: a tee or coat hanging over the hips) that the render
  changed (drawn over by the new bottom, or taken for the old one and rebuilt as a grey
  or coloured smear beside the new waistband).
- `sleeve_changed`: for a bottom, the share of the middle of each forearm hanging down
  to the hips (sleeved or bare, along its bone), less the old bottom's plain cloth there,
  that the render changed: the top's cuffs and sleeves are in front of the trousers, and
  their stripes of the trousers' colour were rebuilt as white blobs beside the waistband.
- `top_hem_gap`: for a bottom, the share of the columns between the hip joints where a
  band of an old garment's colour shows between the kept top's hem and the new bottom
  (a tucked top's old waistband left above a lower new one).
- `waistband_flecks`: for a bottom, the share of the new bottom's top band between the
  hip joints that is holes it closes in, left as in the photo (an old waistband's
  button, loops or frayed edge kept in front of the new waistband), the hands and what
  they hold let off.
- `waistband_kept`: for a bottom, the share of the new bottom's top band between the hip
  joints, read down from its top edge (each column's highest near it), that the render
  left as in the photo, did not cover and is of the old bottom's colours: pieces of
  the old waistband kept in front of the new one, notched in from its top edge or
  closed in (a black smear of an old satin band, a frayed elastic's pale frills, grey
  flecks of old shorts), the hands let off.
- `arm_beside_changed`: the share of a bare arm hanging beside the torso, below where
  the new garment's sleeves reach, that the render changed (a top's or dress's panel
  drawn over the arm's inner half, the arm's edge rebuilt as pale streaks beside it).
- `hand_outline`: the share of the rim round a kept hand, where the new garment meets
  it, still in the old garment's colours (a dark or coloured outline round the hand,
  an old cuff at the wrist).
- `pocket_hole`: the share of the disc round a hand in a pocket (its fingers hidden in
  the clothes) left as in the photo, on the person and inside the new garment's span
  along its row (the back of a hand at an old jacket's pocket: a hole in the new top).
- `old_print_by_hand`: the share of the holes a hand leaves in the new garment, in the
  pose's hand discs, that still shows the old clothes' print as shot (a patch of print
  kept in front with the hand).
- `cloth_by_hand`: the share of the discs round the hands left as in the photo inside
  the new garment's span along their rows, in the old garment's colours and nearer them
  than the skin's (khaki trousers or a print's pink cells kept with the hand as if they
  were its skin: a patch of the old garment beside the hand on the new one).
- `old_shoe_left`: the old shoes' colours still showing where the person's feet were,
  after new shoes went on (`feet_region`).
- `item_left_out`: the share of a cut-out's outline that was left out though it stands
  out from the backdrop (a white shoe's canvas given to its white backdrop: a flat shoe).
- `garment_left_out`: the share of a garment product's outline (what the backdrop,
  flooded from the photo's border and stopped at edges, does not reach) that its cut-out
  leaves out (a white tee's white ground given to its white backdrop: only the print kept).
- `garment_backdrop_kept`: the share of a garment's cut-out that is the backdrop between
  it and the photo's edge (pixels of the backdrop's own colour reached from the edge
  through that colour alone, near the edge): a dress shot with its hem just above the
  photo's bottom edge worn with the white strip below the hem, a ledge under the new hem.
- `item_strands`: how far a cut-out's thin strands reach out from its solid body (a
  shoe's loose laces, drawn as lines out into the air round the feet).
- `collar_gap`: the widest band of neither leg nor new shoe under an ankle, between
  the leg's kept end and the new shoe's top (floor showing under a trouser hem or a
  bare ankle: a low shoe placed too low).
- `sole_fall`: how far a shoe's sole falls from its inner end to its outer (toe) end,
  over its drawn width, on a foot facing the camera (a side view pasted level on a foot
  that points at the camera scores about 0; a turned shoe's toe end comes down).
- `shaft_left`: the rows of leg that is not skin between a new shoe's top and the bare
  shin above it (an old boot's shaft, a sandal's ankle strap left above the new shoe).
- `floor_halo`: the share of the edge of what the render changed round new shoes where
  it steps away from the floor kept beside it: the old shoe's place filled paler or
  greyer than the floor round it, a blob or ghost larger than the new shoe.
- `floor_smear`: the share of the floor the render filled round new shoes that is
  smooth where the floor kept beside it has grain (sand, asphalt, a carpet): the old
  shoe's place filled with a blur, a smear box round the new shoe.
- `shoes_merged`: on two feet side by side, the share of the shoes' rows in which the
  drawn shoes run unbroken across the ankles' middle (two shoes merged into one block,
  no parting between them).
- `shoe_pitch`: on a pointed foot (tiptoe, a jump: its heel lifted level with the
  ankle, its toe far below), how far (degrees) the drawn shoe's long axis turns from
  the foot's heel-to-toe line (a shoe laid flat under a foot pointing down).
- `hem_cut`: the share of the trouser leg hanging on below the ankles (the leg's own
  colour just above each ankle, joined to it) that the render replaced by something
  other than the new shoe: a wide hem over a walking foot taken away with the old shoe,
  cut square at the ankle's row and filled as a box of floor.
- `feet_unshod`: the share of the old feet's columns (the person's, below the ankles)
  over which no new shoe is drawn: both shoes stacked on one foot leave the other bare.
- `ear_distance`: how far in from the ear an earring's hook lies (earrings on the
  cheek), or whether it is nowhere near the ear's height.
- `earring_aslant`: how far (degrees) from plumb the longest drop earring drawn points:
  a drop hangs straight down the photo whatever the head's tilt.
- `necklace_narrow`: how wide the necklace drawn is, in face widths: a loop far
  narrower than the face was hung from shoulders the pose misread (on one shoulder).
- `necklace_cut`: how many loose ends of a drawn necklace run into the photo's edge: a
  loop whose bottom the photo cuts off is drawn as fragments at the edge.
- `worn_jewellery_left`: the share of the jewellery the person already wore where the
  new piece goes (hoops at the ears) that the render left as it was, beside the new piece.
- `necklace_across_layers`: the share of a necklace drawn over clothes of another colour
  than the first clothes below the neck's skin (a chain laid over an open coat's fronts,
  lapels or a scarf round the shirt it would hang on); 0 on skin or on one top.
- `hat_band_height`: how high above the eyes a hat's lower band crosses the face's
  middle (a hat perched on the hair instead of pulled down to the forehead).
- `hat_band_dip`: how much lower a hat's lower edge lies toward its sides than across
  the forehead, over its width (a band cut straight across the forehead scores 0).
- `hat_band_tilt`: how much lower a hat's lower edge lies on one side than on the other,
  over its width, across the eye line (a band slanted down over one brow or eye).
- `hat_gap`: the share of the person just below a hat's lower edge that the render turned
  into the backdrop (hair erased where the hat does not reach: a pale gap under it).
- `old_hat_left`: the share of a hat the person wore, where it sticks out past the new
  one (`place.old_hat`), that the render left as it was (a brim showing round a new cap).
- `bag_support`: how far a bag's top (with its strap, when joined) lies from the nearest
  thing that can carry it, a hanging hand or a shoulder (a bag floating at a raised hand).
- `glasses_off_eyes`: how far each lens's middle lies from its eye's, along the eye
  line (a far lens stretched past the face's edge on a three-quarter face).
- `bag_split`: the share of a bag's body that the arm in front cuts off its largest piece
  or out of its middle (a bag split in two by the arm, an arm-shaped hole through it).
- `bag_knee_drop`: for a bag drawn, how far the knees lie below the hips along the torso,
  over its length (a bag drawn on a seated or crouching person: at a lap or on the floor).
- `bag_torso_faces`: for a bag drawn, the torso's length in eye-to-mouth lengths of the
  face (a bag drawn on a head-and-shoulders close-up, whose hips the pose model guessed).
- `bag_on_belly`: the share of a shoulder bag's drawn body (straps left out) between the two hip
  joints (a bag hung flat in front of the belly instead of at the hip on its strap's side).
- `backpack_strap_bend`: how far a backpack's front strap bows from a straight line, over
  its length (a stiff straight bar instead of a padded strap bending to the armpit).
- `backpack_strap_light`: how much lighter a backpack's drawn front strap is than the
  darkest quarter of its drawn body (a black pack's strap drawn as a grey pill or bar).
- `backpack_strap_on_arm`: the share of a backpack's drawn front strap that lies on the
  arm's bones below the shoulder (a strap drawn over an arm bent with its hand on the hip).
- `old_frame_left`: the share of the frame the person wore before new glasses (found in
  the photo before) that still stands as a thin dark line in the render where the new
  frame does not cover it: the old rims left beside or through the new lenses.
- `lens_lines`: the share of the lenses' inside where the drawn cover stands out as a
  thin line above the lens round it (temples or the nose pads' arms seen through the
  lenses in the product photo, drawn across the eyes).
- `watch_off_skin`: the share of a watch that lies where the photo shows no skin (on a
  sleeve, over the body or the backdrop beside a wrist it is too wide for).
- `watch_width`: a watch's length along the forearm over the bare wrist's width across
  it at the watch (a case that covers the wrist from edge to edge).
- `watch_strap_block`: how far the watch's dark part spreads along the forearm round its
  light part's middle, over the light part's own spread (a strap photographed at
  three-quarters, drawn as a dark block beside the case instead of round the wrist).
- `watch_strap_flat`: the fine detail (lightness off its own blur) on the watch's strap,
  its parts beyond the case across the forearm (a strap painted in one median colour: a
  flat slab with no stitching, ribs or grain).

- `watch_over_cuff`: the share of a watch drawn over a sleeve's cuff: pixels that had
  the colour of the forearm just up the arm from it (the sleeve) and not of the wrist
  below it (a case half over a cuff the skin test takes for skin: a yellow or pale one).

- `watch_off_person`: the share of a watch drawn outside the person's outline (a strap's
  end sticking out past the arm into the backdrop).
- `watch_blob`: how far the watch's outline stands off the dark ground just outside it
  (lightness, median over the outline's pixels there): a black case on a black cuff's
  lining reads as one dark blob.

- `bracelet_off_skin`: `watch_off_skin` for a bracelet (one drawn on a sleeve).
- `bracelet_past_wrist`: how far a bracelet's middle lies down the forearm past the pose's
  wrist joint, over the bracelet's span across the forearm, where the palm is over 1.5
  spans wide (one drawn on the back of the hand, past her own bangles at the wrist).

- `legs_changed`: below a new dress, the share of the person's own bare legs and feet
  (shoes included) the render changed: bare shins or dark shoes taken for the old
  trousers and rebuilt as flat cones or blocks.
- `feet_changed`: below a new bottom, the share of the person's feet (shoes included,
  `feet_region`) clear of it that the render changed: shoes of the old trousers' colour
  (black shoes under black trousers) taken for them and rebuilt as skin blobs or smears.
- `trousers_left`: below a new dress, the share of the legs' line (hip to ankle, clear
  of the dress) that still shows the old trousers as they were: their colour, read on
  the thighs the dress now covers, unchanged from the photo (a trouser leg kept below
  the hem, a dark band of its hem round the ankles).
- `hair_cut`: below a new top or dress, the share of the person's own long hair over the
  shoulders and beside the neck (as the classic engine reads it) the render changed:
  hair cut into flat blocks where the garment was drawn over it.
- `fair_hair_cut`: below a new top or dress, the share of the person's own fair locks over
  the shoulders (blonde or light brown strands of the skin's hue, as the classic engine
  reads them by their fine lightness steps) the render changed: a lock rebuilt as a flat
  skin-coloured block, or the new top drawn over it.
- `head_side_changed`: beside the head, above the shoulders and past a collar's points,
  the person's pixels in the photo that are not skin (the hair, a hat's brim) which a
  new top or dress changed where it is not drawn, over the squared shoulder width: the
  brim or a lock taken for the old top's band and rebuilt as a flat skin-coloured blob,
  the brim cut square.
- `waist_smear`: above a new bottom, the fine detail (mean gradient) of the band just
  above its waistband over the lower of the detail further up and on the waistband
  itself: a blurred band between the top and the new bottom is far smoother than both.
- `waist_detail_lost`: above a new bottom, the fine detail of the band just above its
  waistband in the render over the photo's there and just above: a kept top's hem (a
  cardigan's rib, a plaid) rebuilt as a smear keeps a fraction of the detail it had.
- `waistband_blur`: below a new top, how many pixels the picture takes to step from
  the rebuilt midriff's skin to the trousers or skirt below it (the step over its
  steepest gradient, the median over the trunk's columns): a waistband is a crisp edge,
  and skin faded into it read as a blurred band.
- `waist_redrawn`: below a new top, how far down (shoulder widths) the picture under the
  rebuilt midriff's skin still differs from the photo before the trousers or skirt go
  on as shot (the median over the trunk's columns): their top mirrored up under the
  skin as a smeared band, between a ruled waist line and the old top's hem.
- `waist_mosaic`: below a new top, how often a row of the band just under its hem
  (over the trunk's columns) steps between pixels redrawn and pixels left as shot: the
  old bottom's waistband rebuilt in flecks came out as a mosaic of skin and denim
  squares (many steps a row); a midriff rebuilt whole, or a waistband kept, few.
- `midriff_width`: below a new top, how wide the rebuilt skin is across the midriff
  (the run through the body's midline, frontal shoulder widths, the median over the rows
  between the new hem and the hips): bared arms run together with the midriff into one
  slab as wide as a loose old top or coat read 1.0 and more; a waist 0.8-0.92.
- `pose_dynamic`: for a garment drawn, the largest of the body's pose measures over its
  limit (`POSE_AT_REST`): a torso leaning far, and for bottoms and dresses a knee bent
  far, a leg far off the vertical, the legs crossed, a foot lifted or a hand holding the
  skirt out, and for tops on such legs a wrist raised or flung out (a garment pasted flat
  over a jump, a stride or a dance step).
- `old_folds`: how strongly (Lab L*) the new garment's light at the scale of folds
  follows the photo's over the old garment: the old garment's creases, seams or print
  laid on the new one as grey blotches (a white dress taking a navy tank's wrinkles on).

- `arm_ghost`: the share of the person's bare arm skin, clear of the new garment, that
  the render moved (an arm taken for the old garment, rebuilt as a paler double of
  itself over the backdrop).
- `arm_taken`: the share of the person's bare arm skin, clear of the new garment, that
  the engine took for the old garment (its rebuilt mask): the skin read across a sports
  bra's or crop top's chest taken for the top's colour made the arms on the hips the old
  top, rebuilt as doubled outlines over the backdrop that `arm_ghost`, reading only
  what moved, passed.
- `wrist_tone`: the colour difference between a rebuilt forearm's lower part and the
  person's own hand beyond its wrist, and `wrist_band`: the largest step of colour in
  the strips across from the one into the other (a cuff-like band at the wrist).
- `skin_seam`: the step in lightness from the person's own skin to the rebuilt skin
  where they meet (an old V neckline kept as a line on the chest).
- `skin_edge`: how wide the rebuilt skin's hazy blend with the backdrop is along its
  outline there.
- `skin_edge_own`: how many times wider the rebuilt skin's edge against the backdrop is
  than the person's own skin's against it, as shot (bared shoulders' tops faded out
  over the backdrop as a haze beside the arms' crisp own outline).
- `knit_kept`: how much of a skin-coloured knit sleeve's weave still shows where the
  arm should be rebuilt.
- `leg_step`: how far a rebuilt leg's middle steps sideways where it meets the
  person's own shin below an old hem.
- `neck_patch`: pieces of the old garment's mask wholly above the shoulders (a shadow
  under the chin rebuilt as a flat patch).
- `old_neckband`: how long a line of the old neckline (a crew neck's rib, a collar)
  stays at the base of the bared neck.
- `old_line_on_chest`: how long a line of the old top's colour (an old neckline's
  edge) stays on or beside the chest rebuilt under a lower new neckline.
- `old_outline`: the share of the old garment's outline, refilled from the backdrop,
  that still shows as a thin line.
- `print_left`: where an old print stays busy in the render (a print taken only in
  part, its other colours left or ghosted through rebuilt skin).
- `skin_toned_left`: a skin-coloured old garment's own tint left in the band beside the
  new garment (a pink shirt's strip beside a pink arm).
- `below_hem`: where a long old top hung below the hips, colours that are neither the
  trousers' below it nor the backdrop's (an old top's band left below a shorter new
  top, a skin-coloured block over the hips).
- `dress_legs_left`: below a new dress's hem, what is neither legs nor backdrop (the
  old dress's hem band, old trousers).
- `hem_past_ankles`: how far below the ankles a bottom's or a dress's hem reaches
  across the feet.
- `seam_gap`: the body seen in slits between two pieces of the new garment on one row
  (the old garment's place between a sleeve and the panel).
- `sleeve_past_wrist`: how much of the band beyond the wrist a sleeve covers (a sleeve
  hanging past the hand as a flap).
- `hem_ragged` and `hem_blur`: how far a sleeve's end strays from a smooth curve across
  the arm, and how soft it is (a hem is a sharp fold of cloth).
- `neckline_ragged` and `neckline_blur`: the same for the new garment's top edge
  against the bared skin above it.
- `arm_edge_steps`: how far a rebuilt arm's side strays from a smooth line along it
  (a staircase the backdrop bites into: the arm's outline read at a coarser size).
- `skin_dark_marks`: the share of the rebuilt skin's inside darker than the skin round
  it by a line's or a gap's depth (a hand's finger gaps laid over a rebuilt arm as dark
  streaks: a ghost).
- `outline_blur`: how wide the new garment's soft outline over the backdrop is;
  `edge_halo`: the share of it lighter than the blend of the garment and the backdrop
  (a pale rim); `edge_fringe`: the share whose colour strays from the edge's own run
  (dashes, a print's spots carried out over the fade).
- `enclosed_backdrop`: the product photo's backdrop enclosed by thin garment and worn
  with it (the white between a strap's strands).
- `garment_crumbs`: pieces of the new garment floating apart on the shoulders.
- `neck_holes`: holes in the new garment round the neck (the product's keyhole and the
  gaps between its ties, seen through its neck opening, worn over the throat).
- Accessories: `hat_cut` (the hat cut flat by the photo's top edge), `shoe_above_sole`
  (a shoe ending above its foot's sole), `backpack_in_front` (a backpack's body drawn
  over the person) and `backpack_detached` (a backpack hanging below its shoulder,
  its strap reaching nothing).
- `part_unnamed` (read in `fitroom.evaluate`, not here): 1 when the garment photo sent
  with no part named (`full_outfit`) is read as the part its folder names, else 0 (jeans
  read as a dress and pasted over the chest).

`LIMITS` says where each number turns into a fault; `faults` applies them.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from typing import Any, cast

import cv2
import numpy as np
from numpy.typing import NDArray

Point = NDArray[np.floating[Any]] | Sequence[float]
Mask = NDArray[Any]

#: How far in from the ear's landmark, towards the face's middle, an earring's hook may
#: lie (as a share of the distance between the ears): the lobe is below it and a little out.
EAR_REACH = 0.05
#: The most (degrees) a drawn drop earring (`earring_aslant`) may point away from plumb.
#: On the devset's 14 earring renders of 2026-12-05 (basic, the acj004 drops) the drops
#: hung along the face's axis read 0.6-12 on upright or tilted heads and 42 and 48 on
#: the two bowed ones (laid across the jaw and the neck); hung plumb, all read under 3.
EARRING_ASLANT_MOST = 15.0
#: A drawn piece at least this many times as long as wide is a drop whose axis is judged.
DROP_ELONGATION = 1.8
#: The narrowest a drawn necklace (`necklace_narrow`) may be, in face widths. On the
#: devset's 27 necklace renders of 2026-12-05 with a face found (basic, acj000 and
#: acj001) the loops drawn round the neck read 0.81-2.16; the pearls hung from misread
#: shoulders onto `mmpose__33`'s shoulder read 0.25.
NECKLACE_LEAST_WIDTH = 0.6
#: The most loose ends a drawn necklace (`necklace_cut`) may run into the photo's edge
#: with: a whole loop has none; `mmpose__10773046825_0`'s (a close-up cut under the
#: collarbones) had its two sides cut by the photo's bottom edge.
NECKLACE_CUT_MOST = 0.5
#: The most of the person's own jewellery (`worn_jewellery_left`) a render may leave as it was.
WORN_LEFT_MOST = 0.2
#: How little (0..255, any channel) a pixel may change and still count as left as it was.
UNCHANGED_BY = 12
#: The most of a necklace (`necklace_across_layers`) that may lie over other clothes than
#: the top meeting the neck. On the 80 devset persons x the acj000 necklace (basic,
#: 2026-12-05) chains over open coats', jackets' and cardigans' fronts, lapels and a
#: scarf read 0.25-0.98 (8); the other 65 read 0-0.24 (a trench's and a jacket's blue
#: collars over a blue shirt among them, missed); busy prints and a turtleneck under an
#: open jacket read 0.35-0.91 too (4 false finds).
NECKLACE_ACROSS_MOST = 0.25
#: Two garment colours (Lab, lightness weighed 0.4) nearer than this are the same clothes.
SAME_CLOTHES = 22
#: Where the lobe may lie below the ear's landmark (which marks the ear's middle), as
#: shares of the distance between the ears.
EAR_BELOW = (-0.1, 0.8)
#: How far above the eyes' line a hat's lower band may cross the face's middle, in
#: distances between the eyes: the brows are about 0.35 up, the hairline about 1.1; a
#: hat worn on the head comes down below the hairline.
HAT_BAND_HIGHEST = 1.0
#: How far below a hat's lower edge (pixels) `hat_gap` looks, and how near a backdrop
#: colour (CIE Lab distance) a pixel of the render must be, and the photo's pixel there
#: far from it, to count as hair erased to the backdrop.
HAT_GAP_REACH, HAT_GAP_NEAR, HAT_GAP_FAR = 6, 12.0, 25.0
#: The most of that strip that may be backdrop: 44 devset hat renders score 0 to 0.0007;
#: the side-view beanie's pale gaps, before hair below the hat's edge was kept, 0.006 to 0.33.
HAT_GAP_MOST = 0.01
#: The most of an old hat's brim sticking out past a new hat that may be left as it was
#: (`old_hat_left`): the devset's fedora and cowboy hat under its caps and beanies left
#: 0.78 to 0.91 of it (2026-12-05 night); the fedora's painted out, none.
OLD_HAT_LEFT_MOST = 0.1
#: The most of a hat's widest row that the photo's top edge may cut across (`hat_cut`).
#: The engine draws a hat cut by up to 35% of its area (`place.HAT_LEAST_INSIDE`); on 25
#: devset heads x 4 hats (2026-12-04 late) those so cut, band and most of the crown
#: shown, score 0.83 to 0.886; a crown cut flat across its widest part scores near 1.
HAT_CUT_MOST = 0.9
#: How much lower a hat's lower edge must lie a third of the way out to its sides than at
#: its middle, over its width (`hat_band_dip`), on a face turned less than
#: `HAT_DIP_FACING` degrees: worn, a band goes round the head and down over the temples;
#: drawn straight (about 0) it reads as a cut across the forehead.
HAT_DIP_LEAST, HAT_DIP_FACING = 0.025, 25.0
#: How much lower a hat's lower edge may lie on one side than on the other, over its
#: width, across the eye line (`hat_band_tilt`, read on faces turned less than
#: `HAT_DIP_FACING`): worn, a band lies level with the brows. On 18 devset renders of
#: the three hats shot level (2026-12-05) 0.003 to 0.084 (a face's up and its eye line
#: differ a little); the side-view slouchy beanie placed as shot, 0.14 to 0.19.
HAT_TILT_MOST = 0.1
#: The most of a backpack's body (straps left out) that may lie over the person: slung
#: on a shoulder it hangs behind. Hung in front of the hip like a handbag, 22 devset
#: backpack renders scored 0.48 to 1.0; hung behind the body, 0 to 0.0001.
BACKPACK_IN_FRONT_MOST = 0.25
#: How far below its shoulder a backpack's body may start, in shoulder widths
#: (`backpack_detached`): hung beside the arm, its top 0.12 of the torso down, 30 devset
#: renders scored 0.18 to 0.33; up behind the shoulder, 28 of them -0.06 to 0.1.
BACKPACK_DETACHED_MOST = 0.12
#: The share of a cut-out's hull that may be left out while unlike the backdrop: the
#: devset's shoes score 0.004 to 0.04 (lace gaps, a sole's shade); a white high-top
#: that lost its canvas upper scored 0.08.
ITEM_LEFT_OUT = 0.05
#: Lab distance (OpenCV's 8-bit scale) from the backdrop's colour beyond which a pixel
#: left out of a cut-out is not backdrop.
LEFT_OUT_DISTANCE = 10.0
#: Most of a garment product's outline its cut-out may leave out (`garment_left_out`).
GARMENT_LEFT_OUT = 0.08
#: How near (Lab, over the border's spread) the backdrop's colour, and how near the
#: photo's edge (share of its long side), a cut-out's pixel is read as the backdrop kept
#: (`garment_backdrop_kept`)...
KEPT_BACKDROP_DISTANCE = 3.0
KEPT_BACKDROP_DEPTH = 0.03
#: ...and the share of the cut-out it may be: the kit's white knit dress, its hem 12 px
#: above the photo's bottom edge, kept 0.008 of it as a white strip; the other devset
#: garments cut from a plain backdrop keep under 0.0005.
GARMENT_BACKDROP_KEPT = 0.001
#: How deep inside a cut-out's filled outline (share of its size, the square root of its
#: area) a pixel must lie to be its solid body for `item_strands`: a lace is far thinner.
STRAND_DEPTH = 0.03
#: How far (same share) a cut-out's pixels may lie from that body: the devset's shoes
#: score 0.03 to 0.28 (a heel's pull tab, a lace's end at the eyelets, a sandal's
#: strap); two shot with long loose laces scored 0.88 and 0.91.
STRAND_REACH_MOST = 0.4
#: The most rows (as a share of the shoe's length) of neither leg nor new shoe between
#: the leg's kept end and the new shoe, under the ankle: a shoe's collar meets the
#: leg or trouser hem. A low shoe placed by its box's height left bands of floor of
#: 0.1 to 0.3 there on the devset.
COLLAR_GAP_MOST = 0.06
#: The least fall of a shoe's sole from its inner end to its toe end, over its drawn
#: width, on a foot facing the camera (`sole_fall`): the toe is nearer the camera, which
#: looks down on it. On the devset's 10 persons with such feet × 12 shoe photos, side
#: views pasted level scored a median 0.00 (p10 -0.15; product photos shot a little
#: from the front fall up to 0.3 as they are); turned, a median 0.17 (p10 0.03).
SOLE_FALL_LEAST = 0.1
#: The most of the shoes' rows (a share) in which two shoes side by side may run
#: unbroken across the ankles' middle (`shoes_merged`). With the feet together, the
#: shoes sized from a mask row through both legs scored 0.35 to 0.8 on the devset
#: (`maho--pwt001t_1`, `wpd000t_3`: one block); parted, 0.
SHOES_MERGED_MOST = 0.1
#: The most of the old feet's columns (a share) over which no new shoe may be drawn
#: (`feet_unshod`): both new shoes on one foot left the other's half, 0.4 to 0.5, bare.
FEET_UNSHOD_MOST = 0.3
#: The farthest apart (across or up the picture, as a share of a shoe's length) the
#: pose's ankles stand for `feet_unshod` to read the feet: further, a stride's leg
#: crosses the feet's rows. Both feet's landmarks on one foot put them 0.05 to 0.2 apart.
FEET_CLOSE = 0.4
#: `shoe_pitch`: a foot (ankle, heel, toe) is pointed when its heel is no lower than
#: this share of a shoe's length below the ankle, its heel-to-toe spans at least
#: `PITCH_SPAN` of a length and falls more than `PITCH_SLOPE` degrees below level (a foot
#: flat on a floor has its heel below the ankle; pointing at the camera it spans about
#: half a length); the most degrees the drawn shoe's long axis may turn from that line.
#: Laid flat under the jump's pointed feet (`econ--6465…`) the shoes read 55 to 70.
PITCH_HEEL = 0.06
PITCH_SPAN = 0.75
PITCH_SLOPE = 40.0
SHOE_PITCH_MOST = 30.0
#: How near (Lab, OpenCV's 8-bit scale, lightness weighed 0.4: a shin in shade is skin)
#: a pixel must be to the skin, with at least half its chroma (a white floor weighed so
#: is as near), to be a leg's bare skin for `leg_shown` and `shaft_left`.
REBUILT_SKIN = 24.0
#: The most rows (as a share of the shoe's length) of leg that is not skin between a new
#: shoe's top and the bare shin above it (`shaft_left`). Left above the new shoes on the
#: devset: ankle boots' shafts 0.35 to 0.44 (`fitdit_0347`), a sneaker's collar and
#: sock 0.12 to 0.16 (`fitdit_1`), a tongue 0.07 (`fitdit_0`); taken away, or new shoes
#: on bare feet, 0 to 0.05.
SHAFT_LEFT_MOST = 0.06
#: The most a foot's new shoe may end above the foot's sole in the photo, over a shoe's
#: length (`shoe_above_sole`): drawn from a pose whose heel and toe sit on the instep or
#: a trouser hem, the shoe floated there with the old shoe or the toes left under it
#: (devset: 0.43 to 0.61, `maho--wbk003t`, `ootd--053514_0`); on feet found well -0.14
#: to 0.19.
SHOE_ABOVE_SOLE_MOST = 0.25
#: `floor_halo`: the band (px in from the changed region's edge) whose colour is set
#: against the kept floor's just outside it; the step (Lab, 8-bit) that shows as an edge;
#: how near the skin's colour a changed pixel is skin; the most edge with such a step.
FLOOR_BAND = (3, 6)
FLOOR_STEP = 6.0
FLOOR_SKIN = 15.0
FLOOR_HALO_MOST = 0.2
#: `floor_smear`: the window (px) a pixel's grain is measured in (the spread of its
#: lightness about its local mean); the floor's grain below which a floor is plain and
#: not measured (a studio floor, 8-bit lightness); the share of that grain below which
#: a filled pixel is smooth; the most filled floor that may be smooth. Filled by a wide
#: blur, a sand or asphalt floor's grain fell to a fifth of the kept floor's beside it.
GRAIN_WINDOW = 7
GRAIN_LEAST = 2.0
SMOOTH_SHARE = 0.4
FLOOR_SMEAR_MOST = 0.5
#: `hem_cut`: the rows (share of a shoe's length) above each ankle whose covered leg
#: gives the trousers' colour, and the least share of them covered (not skin); how near
#: (Lab, 8-bit, lightness weighed 0.4: a fold's shade) a pixel is that colour; how far
#: below the ankle (of a length) the hem is looked for; the most of it that may be cut.
#: The wide trousers walking (`econ--df90…`) read 0.39 with both hems taken away, 0.12
#: with them kept; a jeans hem over a loafer (`mtk000t_3`) 0.23.
HEM_ROWS = (0.15, 0.03)
HEM_COVERED = 0.6
HEM_NEAR = 16.0
HEM_BELOW = 0.6
HEM_CUT_MOST = 0.25
#: The least chroma (Lab, 8-bit) of a leg read: a dark or pale leg is as near its old shoe.
HEM_CHROMA = 40.0
#: The neck looked at: from this far above the shoulders' midpoint (in shoulder widths)
#: down to NECK_LOW above it, NECK_HALF either side. A crew neck's collar reaches no
#: higher than the lower end; a turtleneck is a garment of its own kind.
NECK_HIGH, NECK_LOW, NECK_HALF = 0.3, 0.08, 0.15
#: Darker or lighter than the photo by this much (grey levels) where the garment covers
#: the neck is a band: a pale inside back (a pink polo's) on a dark neck as well as a
#: navy one on a light neck.
NECK_STEP = 20.0
#: `collar_left`: the band round the neck looked at, up to `COLLAR_HIGH` shoulder widths
#: above the shoulders' midpoint and `COLLAR_HALF` either side, above the new garment;
#: and the most of it (pixels over the squared shoulder width) the photo may keep there
#: that is on the person and neither skin, face nor hair. On 2026-12-06 (basic) the
#: hoods' sides left beside the neck (magento--mh03, magento--mj03) read 0.006 to 0.007,
#: a coat's and a shirt's collar points (maho--pmo000t_5, maho-sample-data__mpd000t)
#: 0.006 to 0.011; taken away, at most 0.0006.
COLLAR_HIGH, COLLAR_HALF, COLLAR_LEFT_MOST = 0.3, 0.35, 0.004
#: `jaw_hair_cut`: the band beside the lower face looked at, from the eyes' line down to
#: `JAW_HAIR_DROP` eye-to-mouth distances below the mouth (the chin's line), from
#: `JAW_HAIR_IN` to `JAW_HAIR_OUT` eye spans out from the face's axis (clear of the eyes
#: and the lips); the fewest hair pixels there for a value; and the most of them the
#: render may change.
JAW_HAIR_DROP, JAW_HAIR_IN, JAW_HAIR_OUT = 1.0, 0.75, 2.0
JAW_HAIR_LEAST, JAW_HAIR_CUT_MOST = 50, 0.05
#: `hood_left`: the band beside the face looked at, from `HOOD_RISE` eye-to-mouth
#: distances above the mouth down to the chin's line (`JAW_HAIR_DROP`), from `HOOD_IN` to
#: `JAW_HAIR_OUT` eye spans out from the face's axis (clear of the cheeks); and the most of
#: it (pixels over the squared eye span) the photo may keep there that is the old garment.
#: On 2026-12-06 (basic) magento--mj03's puffer hood kept beside the head read 0.29 to
#: 0.32; taken away, at most 0.034; collars and hoods elsewhere at most 0.017.
HOOD_RISE, HOOD_IN, HOOD_LEFT_MOST = 0.5, 1.0, 0.1
#: `neck_cut`: the neck's outline looked at: skin within `NECK_EDGE` shoulder widths of
#: the backdrop, up to `NECK_REACH` shoulder widths above the shoulders' midpoint (to the
#: chin) and `NECK_SIDE` either side, `NECK_CLEAR` shoulder widths clear of the new
#: garment; the fewest pixels of it for a value; and the most of it the render may
#: change. On 2026-12-06 (basic, 4 kit tops) `cat--model_5`'s neck, its side notched and
#: its outline smeared where the old white tank's mask ran up it, read 0.71 to 0.78
#: (0.0 to 0.12 once that strip was dropped, `rebuild.NECK_STRIP`), and
#: `econ--e80b36c7…`'s, the hair behind it and the neck's side redrawn, 0.77 to 0.78;
#: five persons whose necks stay whole read 0.0 to 0.097 (a leopard top's neck ties).
NECK_REACH, NECK_SIDE, NECK_EDGE, NECK_CLEAR = 0.5, 0.25, 0.03, 0.04
NECK_SKIN_LEAST, NECK_CUT_MOST = 50, 0.3
#: `shoulder_wedge`: the band looked at, `WEDGE_INNER` to `WEDGE_OUTER` shoulder widths
#: either side of the shoulders' midpoint and up to `WEDGE_HIGH` above their line (the
#: shoulders' top, clear of the jaw and a hood's sides); read `WEDGE_DEEP` shoulder widths
#: down from the person's outline in each column; a pixel is redrawn pale when it lies
#: over `WEDGE_TOWARDS` of the way from the person's own neck skin towards the backdrop
#: (Lab, along the line between their medians; a quarter of the way read the soft edge
#: of any rebuilt shoulder). The most (hundredths of a square shoulder width) a render
#: may show: on 2026-12-07 (basic, 16 persons x 4 sleeved tops and the white knit dress)
#: the renders with a pale wedge or notch beside the neck read 0.1 to 0.7
#: (`ootd--model_6` 0.33 to 0.44, `ootd--09597_00` 0.11 to 0.26, `sylius--t-shirt_01`
#: 0.49 to 0.64, `thirtybees--image_7` 0.58 to 0.70, `rembg--cloth-1`'s grey smear 0.095
#: to 0.16), those without it 0.0 to 0.092 (`ootd--14627_00` x the knit dress).
WEDGE_INNER, WEDGE_OUTER, WEDGE_HIGH, WEDGE_DEEP = 0.15, 0.5, 0.45, 0.08
WEDGE_TOWARDS, SHOULDER_WEDGE_MOST = 0.5, 0.1
#: The fewest pixels of the backdrop and of the person's own skin near the band for a value.
WEDGE_LEAST = 30
#: More than this share of the neck covered unlike the photo is a fault.
NECK_BAND_SHARE = 0.25
#: `neck_label`: a pixel of the garment over the neck this far (Lab) from the garment's
#: median there is unlike it; a patch of them over this share of the neck looked at is
#: a label (a framed brand label on a tee's band spans about a tenth of the neck region).
NECK_LABEL_STEP = 35.0
NECK_LABEL_SHARE = 0.02
#: A label is sewn at the centre back: a patch counts only with its centre this near
#: (shoulder widths) the neck's midline. On 2026-12-07 the green floral blouse's yellow
#: flowers at its neckline lay 0.10 to 0.11 off it (read 0.046 to 0.12 before), the
#: labels 0.01 to 0.05 (the Gucci tee's, the black polo's checked inside collar).
NECK_LABEL_OFF = 0.05
#: ... and whose colour (within half `NECK_LABEL_STEP`) covers at most this share of the
#: garment's chest (down to `NECK_LABEL_CHEST` of the way from the neck to the hips, half
#: a shoulder width either side): a print's leaves or flowers show there again, a label's
#: colours do not. On 2026-12-07 the floral blouse's black leaves at the middle showed
#: again on 0.076 to 0.093 of the chest, the labels on at most 0.001.
NECK_LABEL_PRINT = 0.01
NECK_LABEL_CHEST = 0.5
#: `neckline_specks`: the garment's edge read in the box `SPECK_HALF` shoulder widths
#: either side of the shoulders' midpoint and `SPECK_ZONE` above and below it; its rim
#: `SPECK_RIM` deep, against the garment's colour from `SPECK_RIM` to `SPECK_BODY` in from
#: the edge. A rim pixel `SPECK_STEP` grey levels darker is a speck; more than
#: `SPECK_COLLAR` of the rim dark is a collar or trim. The most specks (hundredths of a square shoulder width) a render may
#: show: on 2026-12-07 (basic) the orange midi `ootd--053319_1` on 8 persons read 0.08 to
#: 0.29 where its back's print stood at the neckline's corners (5 of 8), 0.003 to 0.033
#: where only small flecks did; painted over (`back_rim`), 0 to 0.029.
SPECK_HALF, SPECK_ZONE, SPECK_RIM, SPECK_BODY = 0.35, 0.3, 0.03, 0.12
SPECK_STEP, SPECK_COLLAR, NECKLINE_SPECKS_MOST = 40.0, 0.6, 0.05
#: How far apart (CIE76 ΔE, Lab) rebuilt skin and the person's own skin nearest it may
#: be: about where a shopper sees an arm that is not the same person's as the hand.
TONE_APART = 12.0
#: The shoulders looked at: from SHOULDER_HIGH shoulder widths above the shoulders'
#: line down to SHOULDER_LOW below it, from SHOULDER_INNER to SHOULDER_OUTER shoulder
#: widths either side of their midpoint (beside the neck out past the joints).
SHOULDER_HIGH, SHOULDER_LOW = 0.25, 0.1
SHOULDER_INNER, SHOULDER_OUTER = 0.2, 0.75
#: Garment over the backdrop there, in hundredths of a square shoulder width, beyond
#: which a shopper sees a notch: 3 tees x 6 persons with level shoulder corners scored
#: 0.45 to 2.9 (11 over 1.0), with seams on the shoulders' slope 0.02 to 2.1 (3 over:
#: a collar beside a long neck); a wide neck's standing corners 4 to 5.7.
SHOULDER_OVERHANG = 1.0
#: Garment off the silhouette beside the shoulders (`shoulder_wing`): from the shoulders'
#: line down to WING_LOW shoulder widths below it, WING_INNER to WING_OUTER out, in
#: hundredths of a square shoulder width, beyond SHOULDER_WING. A leopard shell top's
#: cap shoulders on 15 persons scored 0 to 0.43 (0.1 or more on 8, standing out past
#: the arms by eye), placed within the outline 0; `shoulder_overhang`, which ends 0.1
#: shoulder widths below the shoulders' line, 0 to 0.32 on them.
WING_LOW = 0.35
WING_INNER, WING_OUTER = 0.45, 1.0
SHOULDER_WING = 0.1
#: The person's own shoulder left standing above a top's panel (`shoulder_bare`): the
#: silhouette uncovered at most `BARE_SHOULDER_REACH` shoulder widths above the garment
#: in its column, in hundredths of a square shoulder width, beyond `BARE_SHOULDER_MOST`;
#: from beside the neck out to `BARE_SHOULDER_OUTER` shoulder widths from the middle
#: (inside the joints: beyond them the sleeve's cap lies on the shoulder). Only for a
#: garment that covers at least `SHOULDERS_COVERED` of the band from the shoulders' line
#: down to `SHOULDER_LOW` below it there: a cami's straps or a wide neckline bare the
#: shoulders by design.
#: A garment's outline over the backdrop round the shoulders (`shoulder_lumps`): the
#: pixels an opening and a closing by a disc `LUMP_SIZE` shoulder widths across add or
#: take away, per pixel of that outline (mean depth of its bumps and notches, pixels),
#: beyond `SHOULDER_LUMPS`.
LUMP_SIZE = 0.06
SHOULDER_LUMPS = 0.3
#: A garment's top edge over the backdrop on each shoulder (`shoulder_outline_rough`),
#: from ROUGH_INNER to ROUGH_OUTER shoulder widths out from the middle, down to ROUGH_LOW
#: below the shoulders' line: how far it dips under its upper hull (cloth runs over a
#: shoulder as one convex roof), in shoulder widths, beyond SHOULDER_ROUGH_MOST. Read
#: only on a side with ROUGH_SPAN shoulder widths of it or more (long hair over the
#: shoulder hides it). A drawn roof reads 0.003; with an old strap's knob 10 px tall on
#: a 300 px shoulder span beside the neck 0.033, with a notch 9 px deep half way out 0.030.
ROUGH_INNER, ROUGH_OUTER, ROUGH_LOW = 0.25, 0.7, 0.15
ROUGH_SPAN = 0.1
SHOULDER_ROUGH_MOST = 0.02
#: The rendered figure's top over each shoulder (`shoulder_notch`), read where
#: `shoulder_outline_rough` reads the garment's: how far it dips under its upper hull, in
#: shoulder widths, beyond `SHOULDER_NOTCH_MOST`; a side with hair falling over it
#: (`NOTCH_HAIR_MOST` square shoulder widths of it in the band or more) is not read, its
#: locks standing above the shoulder. On 2026-12-07 (basic, the yellow cami on 16 persons)
#: the renders with a square notch between a tank's rebuilt shoulder and the arm's cap
#: read 0.057-0.16 (`cat--model_7` 0.16, `ootd--model_6` 0.070, `ootd--model_2` 0.057),
#: 0.016-0.036 with it closed; a tee's square, notched shoulders and boxy rebuilt arms
#: 0.057-0.084 (`cat--Simon_1`, `rembg--cloth-1`); shoulders left as shot or rebuilt
#: clean 0.021-0.053 (`ootd--05997_00`'s own bare shoulders 0.050: a real shoulder's
#: outline is not quite convex beside the neck).
SHOULDER_NOTCH_MOST = 0.055
NOTCH_HAIR_MOST = 0.002
BARE_SHOULDER_REACH = 0.15
BARE_SHOULDER_OUTER = 0.45
SHOULDERS_COVERED = 0.5
BARE_SHOULDER_MOST = 1.0
#: The person's silhouette as shot standing above a top's shoulders (`shoulder_shelf`):
#: per image column `SHELF_INNER` to `SHELF_OUTER` shoulder widths out from the neck,
#: the silhouette's run straight up from the garment's top edge (its first row from
#: `SHELF_HIGH` above the shoulders' line), where it ends (the
#: backdrop above) within `SHELF_REACH` shoulder widths (longer runs are the neck, or
#: hair going up to the head), less `SHELF_RIM` (the mask's soft rim); summed, in
#: hundredths of a square shoulder width, beyond `SHELF_MOST`. Only where the garment
#: covers the shoulders (`SHOULDERS_COVERED`, as `shoulder_bare`). Drawn: a tee's top on
#: a shoulder outline 0; 8 px below it over a 100 px shoulder span 0.2 per side.
SHELF_INNER, SHELF_OUTER = 0.15, 0.45
SHELF_REACH = 0.12
SHELF_HIGH = 0.5
SHELF_RIM = 0.015
SHELF_MOST = 0.5
#: A strappy top's straps (`strap_out`): the garment from `SHOULDER_HIGH` above the
#: shoulders' line down to it, `STRAP_INNER` to `SHOULDER_OUTER` shoulder widths out (a
#: side with under `STRAP_LEAST` hundredths of a square shoulder width of it has none);
#: the neck's side is the silhouette's run `STRAP_NECK` above that line (at most
#: `STRAP_NECK_MOST` out: long hair beside it), the shoulder's tip its furthest reach on
#: the line (rows within `STRAP_LINE` of it). A cami's strap lies about halfway between
#: (0.3 to 0.5); beyond `STRAP_OUT_MOST` of the way it is out on the shoulder's tip.
STRAP_INNER = 0.1
STRAP_LEAST = 0.05
STRAP_NECK = 0.2
STRAP_NECK_MOST = 0.25
STRAP_LINE = 0.03
STRAP_OUT_MOST = 0.7
#: How far (in shoulder widths) a bag's top, with its strap, may lie from a hanging hand or
#: a shoulder: a strap ends on the body up to 0.4 in from the shoulder's joint. 56 devset
#: bag pairs score 0.08 to 0.27 before this round's fixes but for a duffel at a raised hand
#: (1.67) and a hobo's own strap beside the drawn one (0.74); after, at most 0.16.
BAG_SUPPORT_REACH = 0.5
#: At most this share of a bag's body may be cut off its largest piece or out of its middle
#: by the arm in front (`bag_split`). Of the 7 devset pairs graded for the arm cut through
#: the bag (2026-12-04), the 4 split in two scored 0.11 to 0.43 before the fix; a bag the
#: arm covers on one side or not at all, 0 to 0.008.
BAG_SPLIT_MOST = 0.04
#: At most this share of a bag's drawn body may lie between the hip joints (`bag_on_belly`):
#: a shoulder bag hangs at the hip on its strap's side (a held one is not judged).
#: The devset's flat bags graded "in front of the belly" (7 B, 2026-12-05) hung from the
#: hip joint 0.2 shoulder widths out, 0.8 wide: a quarter or more of them over the belly.
BAG_ON_BELLY_MOST = 0.15
#: The most each pose measure (`fitroom.engines.classic.person.leg_pose`'s fields and
#: `torso_lean`) reads on a body standing at rest, for `pose_dynamic`. On the devset's 73
#: persons found (2026-12-06), standing, walking and posing ones read at most: knee bend
#: 47 degrees, leg slant 14 degrees, feet crossed -0.02, foot lift 0.28 and hand out 0.34
#: torso lengths, torso lean 12 degrees; its jumps, dance steps, wide stride, runner and
#: skirts held out at least 79, 32, (none crossed), 0.78, 0.47 and (none leaning). For a
#: top, on legs not at rest, the higher wrist above the hips (`wrist_height`, torso
#: lengths): a walker's swinging arm 0.5, an arm raised or flung out in a jump or dance
#: 0.71 and more (`fitroom.engines.classic.person.WRIST_RAISED`).
POSE_AT_REST: dict[str, float] = {
    "knee_bend": 60.0,
    "leg_slant": 25.0,
    "feet_crossed": 0.15,
    "foot_lift": 0.5,
    "hand_out": 0.4,
    "torso_lean": 25.0,
    "wrist_height": 0.65,
}
#: A bag drawn on knees less than this share of the torso below the hips (`bag_knee_drop`)
#: is drawn on a seated or crouching person: the devset's cross-legged, squatting and
#: cellist photos score 0.07 to 0.36 (a duffel on the floor, a bag at the chest: F),
#: standing, walking and running ones 0.45 or more.
BAG_KNEE_DROP_LEAST = 0.37
#: A bag drawn on a torso shorter than this many eye-to-mouth lengths (`bag_torso_faces`)
#: is drawn on a close-up whose hips were guessed: the devset's face close-up 3.0 (a bag
#: at the chin, F), every photo with the hips in it 5.0 or more.
BAG_TORSO_FACES_LEAST = 4.0
#: A bag is judged by `bag_on_belly` only when it hangs from a strap: what else is drawn
#: reaches at least this many of the bag's heights above its top (on 24 devset pairs, a
#: strap to the shoulder 1.1 to 1.6; a duffel's or briefcase's handles in a hand 0.1 to 0.5).
STRAP_LEAST_RISE = 0.8
#: A backpack's front strap is at most this much lighter than its body's darkest quarter
#: (`backpack_strap_light`, 0..1 of the grey scale): its straps are its darkest webbing.
STRAP_LIGHT_MOST = 0.12
#: At most this share of a backpack's front strap may lie on an arm's bones
#: (`backpack_strap_on_arm`): the strap passes behind the arm. The devset's arm bent with
#: its hand on the hip scored 0.22 with the strap drawn over the upper arm, 0 after.
STRAP_ON_ARM_MOST = 0.05
#: A backpack's front strap bows at least this share of its length from a straight line
#: (`backpack_strap_bend`): drawn as a straight bar, 29 devset renders scored 0.0005 to
#: 0.0063; as a padded strap bending to the armpit, 0.026 to 0.107 but one (0.0055).
STRAP_BEND_LEAST = 0.02
#: More than this share of the old garment's place and the band beside the new garment,
#: where the new garment is not, still in the old garment's colours is a fault. On 36
#: tops on 12 devset persons (basic, 2026-12-04) renders with a strip or band of an old
#: white, dark or coloured top left read 0.10-0.81, those with none seen 0-0.07. Missed:
#: a pink top beside pink skin (0.07-0.09), thin orange strips (0.01-0.03).
OLD_BARE_SHARE = 0.1
#: More of the old bottom's colours beside a new bottom than this share of the new
#: bottom's own pixels there is a fault (`bottom_old_beside`). Basic renders of 3
#: bottoms on 10 devset persons in trousers (2026-12-06): blocks of khaki left round the
#: hands read 0.077-0.084; old legs between or beside the new ones 0.019-0.074, old
#: print at a hem 0.017; none seen 0-0.0052.
BOTTOM_OLD_BESIDE = 0.015
#: `old_thighs_beside`, the same share with the old bottom's colours read across the
#: photo's thighs: set at `BOTTOM_OLD_BESIDE` (see docs/results-classic-garments.md,
#: session 39, the old dress beside a new bottom).
OLD_THIGHS_BESIDE = BOTTOM_OLD_BESIDE
#: `bottom_old_at_hips`, the same share read beside and above the hip joints: an old
#: waistband's corners left under a crop top read 0.0033-0.0059 on the kit, gone
#: 0-0.0001 (a white tank hanging over white shorts fails wrongly, 0.015-0.017).
BOTTOM_OLD_AT_HIPS = 0.002
#: `bottom_rim_left`: a pixel of the old bottom left as shot differs from the photo by
#: at most this much in its largest channel (0..255; the rebuild's fill, blurred from
#: round it, differs by more almost everywhere)...
RIM_AS_SHOT = 8
#: ...and the share of them per pixel of the new bottom round the hips: light jeans' lit
#: side kept beside the arm read 0.011-0.015 on the kit (0.003 rebuilt), the other 18
#: good-pose pairs 0-0.0032; see docs/results-classic-garments.md, session 40, the old
#: bottom's pale rim beside the hips.
BOTTOM_RIM_LEFT = 0.006
#: `bottom_to_edge` reads this many torso lengths of the photo's bottom rows (at least 2).
EDGE_BAND = 0.03
#: ... across each thigh this many torso lengths either side of its hip-to-knee line
#: (a standing thigh at the upper thigh is about 0.2 wide).
EDGE_THIGH = 0.08
#: The most of that band a knee-length or longer bottom or dress may leave uncovered. On
#: the devset's 10 photos cut at the upper thigh (basic, 2026-12-07) 36 of the kit's 40
#: renders, each run on to the edge, read 0; ootd--02849_00's four, its old zebra skirt
#: left at a thigh beside the new garment down to the edge, 0.31.
BOTTOM_TO_EDGE_MOST = 0.15
#: A full-length product's hem more than this far (torso lengths) above the ankles is a
#: fault (`bottom_short`): hemmed at the ankle it reads under 0.
BOTTOM_SHORT_MOST = 0.1
#: A bottom's or dress's hem more than this far (torso lengths) below the lower ankle joint
#: is a fault (`hem_past_ankles`): trousers break just over the shoe (0.03), a maxi ends
#: at the ankles (0). Basic renders on 4 devset persons (2026-12-06): a flared maxi run on
#: past the feet read 0.37-0.68, a maxi dress over the shoes 0.22; hems at the ankles and
#: jeans on the shoe -0.40-0.07.
HEM_PAST_ANKLES_MOST = 0.12
#: A long skirt's or dress's hem less than this far (torso lengths) below the lower ankle
#: joint is a fault (`hem_above_shoes`): the joint lies above the shoe's top, and a hem
#: there bares a strip of ankle. Only hems within `HEM_SHOES_BAND` of the ankles are read.
#: Basic renders of the flared maxi on 31 kit persons (2026-12-06): hems at the ankle
#: joints read -0.06-0.055, on the shoes' tops 0.05-0.12 (0.33 down to old wide legs' hem).
HEM_ABOVE_SHOES_LEAST = 0.04
HEM_SHOES_BAND = 0.1
#: More skin or old bottom between a new bottom's legs than this share of its own pixels
#: there is a fault (`inseam_left`); `INSEAM_NEAR`: how near (CIE Lab) one of those
#: colours, and nearer it than the backdrop, a pixel must be to count. Basic renders of 2
#: bottoms on 14 devset persons (2026-12-06): strips between wide jeans' legs read
#: 0.019-0.078; none seen 0-0.0074 (a maxi skirt at most 0.003).
INSEAM_LEFT = 0.01
INSEAM_NEAR = 20.0
#: More of a new bottom's pixels down the middle between its legs than this share in the
#: product photo's backdrop colour is a fault (`crotch_wedge`). A pixel counts within
#: `WEDGE_NEAR` (CIE Lab) of the backdrop by its hue, or by being lighter (a shadow only
#: darkens), `WEDGE_APART` further from each of the garment's own colours, and flat down
#: the gap (its lightness over 5 rows varying by `WEDGE_FLAT` at most: a knit's pale
#: stitches do). Basic renders of 4 trousers on 14 devset persons (2026-12-06): wedges
#: read 0.04-0.31; none seen 0-0.02.
CROTCH_WEDGE_MOST = 0.03
WEDGE_NEAR = 10.0
WEDGE_APART = 6.0
WEDGE_FLAT = 2.5
#: More than this share of the rows at the knees showing new trousers as one column is a
#: fault (`legs_one_column`). A row shows two legs where, in the middle half between the
#: knees (`KNEE_MIDDLE` shoulder widths either side at least), the trousers leave a pixel
#: uncovered or their lightness (CIE L, averaged down `KNEE_ROWS` shoulder widths: the
#: denim's grain averages out, the seam does not) dips `SEAM_DIP` below both sides
#: `SEAM_SIDE` shoulder widths away. The rows are `KNEE_BAND` shoulder
#: widths either side of the knees.
LEGS_ONE_COLUMN_MOST = 0.5
KNEE_MIDDLE = 0.05
KNEE_ROWS = 0.1
SEAM_DIP = 6.0
SEAM_SIDE = 0.03
KNEE_BAND = 0.15
#: `skin_toned_left`: an old garment whose main colour is this near the skin's in hue (CIE
#: a, b), yet TONED_APART or more from it (nearer, no tint tells them apart), and at least
#: TONED_CHROMA from grey is skin-coloured (pink, beige, peach, tan).
#: A pixel is its colour when within TONED_NEAR (ΔE) of one of its colours and this much
#: nearer (TONED_NEARER, a share of the distance) its tint than the skin's: hue over
#: lightness (L* + 16), which shade leaves alone. More than SKIN_TONED_LEFT_MOST of the
#: band beside the new garment (soft person-mask rim included: the strip between an arm
#: and the body is half backdrop) in that colour is a fault.
TONED_HUE = 24.5
TONED_APART = 8.0
TONED_CHROMA = 8.0
TONED_NEAR = 12.0
TONED_NEARER = 0.6
SKIN_TONED_LEFT_MOST = 0.05
#: `old_sliver`: the band just outside the new garment is this many shoulder-joint
#: widths wide, over person-mask values above SLIVER_PERSON (the gap between an arm and
#: the torso is half person, half backdrop there); more than SLIVER_SHARE of it still in
#: the old garment's colours is a fault.
SLIVER_WIDTH = 0.04
SLIVER_PERSON = 0.3
SLIVER_SHARE = 0.1
#: `arm_rim`: a rim pixel is pale and grey when its chroma is under this share of the
#: kept arm's own beside it (on `ootd--model_9` under the orange midi the arm's edge half
#: over the old white reads 0.38 of the arm, the rebuild's fall-off over it 0.62; the
#: torso's side rebuilt in shade beside it about 1.0).
ARM_RIM_GREY = 0.7
#: ...over a rim this wide (a share of the torso frame's width: 2-3 pixels at basic size).
ARM_RIM_WIDTH = 0.015
#: ...read only on this many rim (and arm) pixels or more.
ARM_RIM_LEAST = 30
#: More than this share of the rim pale and grey fails: on 2026-12-07 (basic, 5 persons x
#: the kit's two dresses, black tee and cami) the renders with a pale line down the arm's
#: side read 0.26-0.64, those where it was gone or thin 0.08-0.23.
ARM_RIM_MOST = 0.25
#: `arm_rim_kept`: a rim pixel is left as shot when no channel moved by more than this
#: (0..255; the JPEG's own noise is a few levels)...
ARM_RIM_KEPT_SAME = 6
#: ...and paler than the arm when lighter than its median (Lab L, 8-bit) by this much with
#: under `ARM_RIM_GREY` of its chroma, or greyer when no darker than it by more than this
#: with under `ARM_RIM_KEPT_GREY` of its chroma (the old white top's shaded side).
ARM_RIM_KEPT_LIGHTER, ARM_RIM_KEPT_DARKER, ARM_RIM_KEPT_GREY = 25.0, 20.0, 0.6
#: More than this share of the rim so fails: on 2026-12-07 (basic, 6 persons x the kit's
#: leopard top and cami) the renders with white flecks and lines left down the arm read
#: 0.10-0.20, the same with most of them gone 0.02-0.13.
ARM_RIM_KEPT_MOST = 0.1
#: `below_hem`: the bottom's colours are read this many shoulder widths down from the old
#: top's hem; a pixel within BELOW_HEM_TOLERANCE (ΔE) of one of them or of the backdrop's
#: is either; more than BELOW_HEM_SHARE of the old top's place below the hips that is
#: neither is a fault.
BELOW_HEM_READ = 0.15
BELOW_HEM_TOLERANCE = 15.0
#: `dress_legs_left` reads the legs down to this far (shoulder widths) above the higher
#: ankle joint: below are the shoes and their straps.
ABOVE_ANKLES = 0.1
BELOW_HEM_SHARE = 0.25
#: `bottom_streaks`: the least the rebuilt trousers' or skirt's ratio of lightness steps
#: down to across may be, over the person's own bottom's below the hem. On 60 top renders
#: (10 persons × 6 tops, at basic) a coat to the shins over khaki trousers, rebuilt as
#: each column's colour carried up, read 0.05; the rest 0.48-0.74.
BOTTOM_STREAKS_LEAST = 0.25
#: A step in lightness (0..255) between neighbouring pixels counts up to
#: this much: the outline of rebuilt trousers against the backdrop beside them is no
#: part of their cloth.
STREAK_STEP_CAP = 12.0
#: Fewer pixel pairs than this down and across, in the rebuilt place or in the bottom
#: below it, and `bottom_streaks` does not apply.
STREAK_MIN_PAIRS = 200
#: A refilled pixel whose luminance is this far (0..255) from the median round it is part
#: of a thin line: the old garment's outline left beside a rebuilt limb.
OUTLINE_STEP = 25.0
#: More than this share of the old garment's refilled outline still a line is a fault.
OUTLINE_SHARE = 0.06
#: `old_rim`: a pixel of the old outline by rebuilt skin with more than this share of the
#: old garment's colour (unmixed from the backdrop's and the skin's round it) is left of
#: it; read where the old colour is this far (0..255, RGB) from the backdrop's and the
#: three colours are this far from lying on one line (the unmixing's determinant over
#: the product of its two squared lengths), and with at least `OLD_RIM_LEAST` such pixels.
#: More than `OLD_RIM_MOST` of them left is a fault. On a lilac tee under a sleeveless
#: top (basic, 2026-12-06) the kept ghost read 0.37, the outline refilled 0.12; a white
#: off-shoulder top refilled 0.015.
OLD_RIM_MIX = 0.3
OLD_RIM_APART = 30.0
OLD_RIM_SKEW = 0.2
OLD_RIM_LEAST = 100
OLD_RIM_MOST = 0.2
#: More than this share of a watch over no skin in the photo is a watch on a sleeve or
#: hanging over the wrist's edge: CALIBRATION_OFF_SKIN
WATCH_OFF_SKIN = 0.35
#: More than this share of a watch on pixels of the sleeve's colour is one drawn over the
#: cuff instead of tucked under it; a sleeve's colour is one this far (Lab) from the wrist's.
WATCH_OVER_CUFF, CUFF_FROM_SKIN = 0.1, 20.0
#: Lightness counts a quarter in that distance: a forearm in shade is 40-60 darker than
#: the lit hand below the watch, a bare arm all the same.
CUFF_WEIGHTS = np.array([0.25, 1.0, 1.0], np.float32)
#: A watch longer along the forearm than this share of the bare wrist's width across it
#: covers the wrist from edge to edge: CALIBRATION_WIDTH
WATCH_WIDTH_MOST = 0.9
#: A watch's dark part spreading along the forearm round the case's middle more than
#: this many times the case's own spread lies beside the case, not round the wrist.
WATCH_STRAP_BLOCK = 1.2
#: A strap whose mean fine detail (8-bit lightness) is under this is a painted slab: a
#: drawn painted strap 0.35, drawn from a ribbed strap 2.8; on the devset (2026-12-04, 18
#: persons) the painted certina and transocean straps 0.33-1.9 (most under 1), drawn from
#: the products' own straps 0.94-5.1. Small watches leave no strap inside its outline (None).
WATCH_STRAP_FLAT = 1.0
#: The strap is the watch's part beyond this share of its half-length across the forearm.
STRAP_OUTER = 0.8
#: The strap's pixels there are within this (8-bit lightness) of their median.
STRAP_TONE = 25.0
#: Fewer solid pixels than this and the watch checks do not apply.
MIN_WATCH_PIXELS = 30
#: More than this share of a watch outside the person mask hangs past the arm's outline.
WATCH_OFF_PERSON = 0.04
#: A watch's outline on a ground darker than `BLOB_GROUND` (8-bit lightness) standing off
#: it by less than this (median) is lost in it; fewer than `BLOB_LEAST_PIXELS` such outline
#: pixels and the check does not apply.
WATCH_BLOB_LEAST, BLOB_GROUND, BLOB_LEAST_PIXELS = 40.0, 100.0, 12
#: A bracelet whose middle lies further down the forearm past the wrist joint than this
#: share of its span across the forearm is on the back of the hand: on the devset
#: (2026-12-05, jewelry_3) mmpose__000264's 0.54 on the hand (main), -0.15 after the fix, the others 0.
BRACELET_PAST_WRIST_MOST = 0.3
#: A palm wider than this many bracelet spans puts the hand model's wrist on the back of
#: the hand (mmpose__000264 1.7; the others up to 1.4, where the pose's wrist may be off).
PALM_OVER_SPAN = 1.5
#: Beyond the wrist, the band looked at for a sleeve hanging on past the hand: from
#: PAST_WRIST_NEAR to PAST_WRIST_FAR forearm lengths on down the forearm's line, within
#: PAST_WRIST_SIDE forearm lengths either side of it.
PAST_WRIST_NEAR, PAST_WRIST_FAR, PAST_WRIST_SIDE = 0.2, 0.8, 0.2
#: More than this share of that band under the garment is a sleeve's flap past the hand.
PAST_WRIST_MOST = 0.1
#: A slit of the body between two pieces of garment on one row, narrower than this share
#: of the shoulder width, is a gap between a sleeve and the body panel (worn, they meet).
SEAM_GAP_WIDTH = 0.3
#: ...left out within this many shoulder widths of the midline, where a neckline is.
SEAM_GAP_CLEAR = 0.3
#: More of such gaps than this, in hundredths of a square shoulder width, is a fault.
SEAM_GAP_MOST = 1.0
#: Uncovered pixels between the garment's own within this share of the shoulder width
#: above and below, away from the midline (`SEAM_GAP_CLEAR`), down to the hips, are a
#: notch or a hole in its side: worn, a top's side runs on unbroken.
SIDE_NOTCH_SPAN = 0.2
#: ...from this far down from the shoulders' line to the hips (0 to 1): above it a
#: cami's looped straps and the armholes are the garment's own openings.
SIDE_NOTCH_FROM = 0.35
#: Slivers narrower than this share of the shoulder width (the seam along an arm's edge
#: beside the garment's side) are opened away: no notch a shopper sees.
SIDE_NOTCH_OPEN = 0.03
#: More of them than this, in hundredths of a square shoulder width, is a fault. On the
#: 60 kit tops of session 36's round (basic, before its fix) the holes of a bare waist
#: kept beside the arms read 0.5-1.2, a white block in a tee's side 0.55; 36 of the 60,
#: with sides a shopper saw unbroken, read 0, and none over 0.34.
SIDE_NOTCH_MOST = 0.4
#: Between a top's side and the bare arm beside it, a row's gap narrower than this share
#: of the shoulder width is where the cloth meets the arm (`arm_side_pale`)...
ARM_SIDE_SPAN = 0.06
#: ...and a pixel in it less coloured than this share of the arm's skin (its median
#: chroma) is the old top or the backdrop, not the arm's shaded edge.
ARM_SIDE_PALE = 0.5
#: More of them than this, in hundredths of a square shoulder width, is a fault. On
#: 2026-12-07 (basic, the black and FILA tees on 8 studio persons, all with some pale
#: rim by the arm) the 16 renders read 0.06-1.39; the grey wall notched into both tees'
#: sides on `ootd--model_9` 1.2-1.4, `model_6`'s white flecks 0.48-0.53.
ARM_SIDE_PALE_MOST = 0.5
#: A top's side (`side_ragged`) is read against its running median over this many
#: shoulder widths of rows: a bite or a step shorter than half of it is left over...
SIDE_RAGGED_SPAN = 0.15
#: ...and more than this, RMS in thousandths of the shoulder width, is a fault. On the
#: six kit tops on 8 studio persons of group 4 (basic, 2026-12-07, before session 41's
#: mend) the 48 renders read 1.2-6.5: sides a shopper reads as cut clean 1.2-4, the
#: black tee's lumpy side on `ootd--model_2` 6.5 and `09597_00` 5.4, the leopard top's
#: and FILA tee's on `05997_00` 6.5 and 6.0.
SIDE_RAGGED_MOST = 5.0
#: A side's run that ends this near (px) the person's own hand or face kept in front of
#: the top stopped at the hand, not at the cloth's edge: `side_ragged` leaves the row out.
SIDE_FRONT_REACH = 2
#: The armpit lies this share of the way from the shoulder joint down to the hip on its
#: side; round it, within `ARMPIT_DISC` shoulder widths, ...
ARMPIT_DOWN = 0.3
ARMPIT_DISC = 0.2
#: ...the garment's lightness, blurred over this share of the shoulder width (past a
#: weave's or check's squares), ...
ARMPIT_BLUR = 0.012
#: ...this much (Lab L) under its median there, and darker than all but
#: `ARMPIT_DARKEST` of the whole garment (a print's dark letters or band are its own),
#: in a spot wholly inside the disc, is a hole under the arm.
ARMPIT_STEP = 20.0
ARMPIT_DARKEST = 2.0
#: A spot larger than this, in thousandths of a square shoulder width, is a fault.
ARMPIT_HOLE_MOST = 1.0
#: The share of a bare arm beside the torso a render may change: its soft outline and
#: the garment's soft edge against it, not a strip of its width. On 50 renders of arms
#: at the sides, a panel over the arms or streaks beside them read 0.03-0.58; kept
#: whole, 0-0.01 (up to 0.09 where the old top is skin-coloured).
ARM_BESIDE_CHANGED = 0.025
#: A render's pixel whose largest channel moved by more than this (0..255) on a bare arm
#: the new garment does not cover is no longer the arm: a ghost of it (the arm rebuilt
#: over the backdrop, half one and half the other) moves it by 30-120; JPEG and the
#: garment's soft edge beside it, by less.
GHOST_STEP = 25
#: The share of a bare arm out of the new garment a render may move so: its outline.
#: On 36 renders (12 persons with arms raised, bent, on the hips or at the sides x 3
#: tops, basic, 2026-12-04) ghost and stippled arms read 0.18-0.77, arms kept whole
#: 0-0.05; on 42 more (14 persons standing, arms at the sides) 0-0.03, but for arms
#: rebuilt in strips beside a tee, 0.09-0.10. It reads the arm by colour: a camel
#: coat's sleeve or a tan print beside the hand counts as arm.
ARM_GHOST = 0.08
#: The share of a bare arm out of the new garment the engine may take for the old
#: garment and redraw: its outline against an old sleeve's hem, the shade under the
#: armpit. On `magento--home-performance` x 4 tops and 2 dresses (basic, 2026-12-07) the
#: arm on the hip rebuilt as a ghost read 0.030-0.053, kept whole 0-0.006; on 20 pairs of
#: 10 group-4 persons (a tee, a dress) 0-0.014, but `thirtybees--image_7`'s upper arm
#: rebuilt as a pale block under a dress, 0.041; `carvekit--3`'s arm round the knees,
#: half rebuilt over the backdrop, 0.30. The ghost sits mostly on the arm's shaded rim,
#: which the arm's skin as shot leaves out: the margin is thin.
ARM_TAKEN = 0.025
#: A pixel a render moved by no more than this (0..255) is as shot: what is not redrawn
#: is copied from the photo, and the soft edge's blend and rounding move it by 1-2.
TAKEN_STEP = 3
#: How much of an old skin-coloured knit sleeve's weave a render may leave beyond the new
#: garment (`knit_kept`: its ripple after over before). On `fitdit_0347` (beige knit) x 3
#: tops and 2 dresses (basic, 2026-12-06) the knit ghosts read 0.68-0.94 and the sleeves
#: rebuilt as arms 0.54-0.74: the rebuilt skin's grain ripples too, and the two overlap.
KNIT_KEPT = 0.75
#: The band just above a new bottom's waistband with less than this share of the fine
#: detail of both the picture further up and the waistband is a smear. On 45 bottoms
#: renders (15 persons x 3, basic) the smears over a print or knit read 0.11-0.31,
#: crisp waists 0.64-5.5. A smooth smear over a plain dark top has no detail to lose
#: and reads high: this check finds blur over texture only.
WAIST_SMEAR_RATIO = 0.4
#: The least share of the photo's fine detail the band just above a new bottom's
#: waistband keeps in the render (`waist_detail_lost`). On 22 bottoms renders (11 persons
#: x 2, basic, 2026-12-07): a plaid cardigan's hem rebuilt as a smear 0.48-0.54, a grey
#: tee carried down over old shorts' waistband as a blurred band 0.39-0.54, the tops kept
#: as shot 0.94-3.5.
WAIST_DETAIL_KEPT = 0.6
#: The bands' height (shoulder widths) and how far above the waistband the picture
#: further up is read (in band heights).
WAIST_BAND = 0.1
WAIST_ABOVE = 3
#: Fewer columns than this with a waistband and the check does not apply.
MIN_WAIST_COLUMNS = 10
#: `waistband_blur`: the rebuilt skin's lower edge is read this far (shoulder widths)
#: above and below it, in the columns where the picture steps by at least
#: `WAISTBAND_STEP` (luminance) across it and the skin runs at least `WAISTBAND_SKIN`
#: (shoulder widths) above it; at least `MIN_WAISTBAND` such columns, or it does not
#: apply. On 16 persons x the yellow cami (basic, 2026-12-06), the skin faded into the
#: trousers over a twentieth of the torso read 8.0-13.8 px (5.6 over white jeans, where
#: the step is small), the same midriffs ended crisply 1.8-4.9.
WAISTBAND_REACH = 0.08
WAISTBAND_STEP = 25.0
WAISTBAND_SKIN = 0.05
MIN_WAISTBAND = 10
WAISTBAND_BLUR_MOST = 6.0
#: `waist_redrawn`: a pixel differs from the photo where a channel moved by more than
#: `WAIST_REDRAWN_STEP`; the band ends at the first `WAIST_REDRAWN_CLEAR` rows running
#: that do not, at most `WAIST_REDRAWN_REACH` (shoulder widths) below the skin; fewer
#: columns than `MIN_WAIST_REDRAWN` with the skin ending over the trunk and it does not
#: apply. On the yellow cami over 26 studio persons (basic, 2026-12-07, main at
#: `8c004fa`) the trousers' top mirrored up below the midriff read 0.04-0.30 on 9 pairs
#: (a smeared band over an old tee's hem); a plain dress's skirt mirrored onto itself,
#: and skin ending on a bottom as shot, 0.000-0.006.
WAIST_REDRAWN_STEP = 30
#: `waist_mosaic`: the band below the new hem is `WAIST_MOSAIC_REACH` shoulder widths
#: deep; a pixel is redrawn where a channel moved by over `WAIST_MOSAIC_STEP`, specks
#: under `WAIST_MOSAIC_SPECK` pixels dropped; fewer than `MIN_WAIST_MOSAIC` columns
#: and it does not apply. On the cami, FILA and black tees over 10 studio persons in
#: trousers (basic, 2026-12-07): the waistband rebuilt as skin squares among the denim
#: read 4.3 and 2.3 (`model_1`, `model_6` × cami), 0.05 and 0.40 once kept; the other
#: 28 renders 0.0-1.27.
WAIST_MOSAIC_REACH = 0.3
WAIST_MOSAIC_STEP = 30
WAIST_MOSAIC_SPECK = 3
MIN_WAIST_MOSAIC = 10
WAIST_MOSAIC_MOST = 2.0
WAIST_REDRAWN_CLEAR = 3
WAIST_REDRAWN_REACH = 0.3
MIN_WAIST_REDRAWN = 10
WAIST_REDRAWN_MOST = 0.03
#: `midriff_width`: gaps in the rebuilt skin's run across the midriff up to this many
#: pixels are bridged (a seam of the fill); fewer rows than `MIN_MIDRIFF_ROWS` and it
#: does not apply; the widest acceptable run, in frontal shoulder widths (a cami at basic,
#: 2026-12-06: waists rebuilt inside fitted or loose tops 0.80-0.92; arms and midriff
#: one slab under a blazer or cardigan 1.00-1.02).
MIDRIFF_BRIDGE = 3
MIN_MIDRIFF_ROWS = 5
MIDRIFF_WIDE = 0.95
#: The band `skin_detail` reads (Gaussian sigmas, pixels), and its lowest ratio: on 12
#: persons x a cami crop at basic (2026-12-04), rebuilt torsos that read flat scored
#: 0.16-0.46 (noise matched to the grain), the person's own skin beside them 1.
SKIN_DETAIL_BAND = (2.0, 6.0)
#: The fine texture `chest_texture` reads (luminance less its blur at this sigma, pixels,
#: relative to its brightness), and the most of a real bare chest: 7 devset persons in
#: tanks, camis and strapless dresses read 0.007-0.014 at basic size. Rebuilt chests
#: laid with a man's hairy forearms' detail read 0.018 (`cat--Simon_1`, `idm--00121_00`
#: x the yellow cami, 2026-12-06).
CHEST_TEXTURE_SIGMA = 4.0
CHEST_TEXTURE_MOST = 0.015
#: ...and the least (a share of that most): below it the skin is a flat fill (real chests
#: read 0.45 and more, calmed rebuilt ones 0.40-0.53).
CHEST_TEXTURE_LEAST = 0.25
#: The most a rebuilt upper arm's outer half may be as wide near the elbow as near the
#: shoulder: an arm is about three quarters as wide there, a straight block 1.
TAPER_MOST = 0.82
#: Where down the upper arm (shoulder 0, elbow 1) its widths are compared: below the
#: shoulder's round top, and above the elbow's joint with the forearm.
TAPER_AT = (0.3, 0.85)
#: The bared shoulder's outline (`shoulder_rise`) is read out along the line from the
#: neck's middle through each joint, from `RISE_FROM` shoulder widths out to `RISE_PAST`
#: past the joint, from `RISE_UP` above that line down to `RISE_DOWN` below it; only
#: beside an upper arm whose elbow lies `RISE_HANGS` of its length or more below the
#: joint. The most it may climb going out, in shoulder widths: the yellow cami over a
#: tee and a long-sleeved tee, rebuilt as a level shelf with the arm's round cap standing
#: above it and as a notch between them, climbed 0.055 and 0.14; sloped, 0.013 and 0.
RISE_FROM, RISE_PAST = 0.22, 0.25
RISE_UP, RISE_DOWN = 0.45, 0.3
RISE_HANGS = 0.5
#: ...through a running median this wide (shoulder widths).
RISE_SMOOTH = 0.04
SHOULDER_RISE_MOST = 0.03
#: Where down the upper arm (shoulder 0, elbow 1) `upper_arm_reach` reads the rebuilt
#: skin's reach out from the bone (below the shoulder's cap, above the elbow), and the
#: most it may be, in shoulder widths (joint to joint): an adult's upper arm there is
#: about 0.1-0.13 of it from its middle to its outside; the yellow cami over a loose tee
#: on a slim person rebuilt it as wide as the sleeve round it, 0.15.
ARM_REACH_AT = (0.35, 0.5, 0.65, 0.8)
ARM_REACH_MOST = 0.14
#: `arm_hem_step`: the rebuilt upper arm's outer contour is read this many pixels above
#: where it ends on the bone (the old short sleeve's hem), and the kept arm's as many
#: below, over this many rows each side (median); the most the two may differ, in
#: shoulder widths. An upper arm rebuilt as wide as the old sleeve met the person's own
#: narrower arm below the hem with a square step.
HEM_STEP_GAP = 2
HEM_STEP_ROWS = 4
ARM_HEM_STEP_MOST = 0.015
#: `upper_arm_over_hand`: where down the upper arm (shoulder 0, elbow 1) the rebuilt skin's
#: nearer side is read, where along the forearm (elbow 0, wrist 1, past it: the hand) the
#: person's own hand is read across, and the most the first may be over half the second.
#: A real arm is about 1.8 wrists wide below the shoulder, a wrist 0.8 of the hand beyond
#: it: the upper arm's half width there about 1.3-1.5 of the hand's.
UPPER_OVER_HAND_AT = (0.4, 0.5, 0.6)
HAND_ACROSS_AT = (1.05, 1.12, 1.2)
UPPER_OVER_HAND_MOST = 1.8
#: The hand's run across counts only between these shares of the shoulder width: a hand
#: seen edge on is about 0.1, fingers' tips or a hand half in a pocket read 0.01-0.05 and
#: made an arm of any width thirty hands wide; over 0.25 the run went on into the body.
HAND_ACROSS_SHARE = (0.08, 0.25)
#: The most a rebuilt forearm may be as wide across near the wrist as a third of the way
#: down from the elbow (`FOREARM_TAPER_AT`: elbow 0, wrist 1). Bare forearms on 15
#: devset persons read 0.32-0.82, three bent or foreshortened ones 0.97-1.2; forearms
#: rebuilt as tubes from long sleeves (8 persons x the black tee and the yellow cami,
#: 2026-12-06) 0.95-1.34.
FOREARM_TAPER_MOST = 0.95
FOREARM_TAPER_AT = (0.3, 0.85)
#: How far (shares of the forearm's length) a forearm's run across is followed each way:
#: further, it has run on into rebuilt skin beside it (a bared midriff).
FOREARM_ACROSS_MOST = 0.4
#: Where along each bone of a rebuilt arm (shoulder or elbow 0, elbow or wrist 1)
#: `arm_round` reads its lightness across, how far out (shares of the run's half width)
#: its edges are, the least half width (pixels) read, and the least share that the less
#: dark edge is darker than the lightest part across. Real bare arms read on the photos'
#: own skin (5 devset persons with clean outlines) 0.09-0.25 a bone, one upper arm at a
#: short sleeve's hem 0.02; arms rebuilt from long sleeves (6 persons x the black tee
#: and the yellow cami, 2026-12-06, session 35) -0.003-0.074, all under it. Upper arms
#: bared from a short sleeve and lit as the torso's top down to the armpits (6 persons in
#: tees x the leopard, the cami and the orange dress, basic, 2026-12-07, session 43)
#: 0.040-0.076, all under it; lit as an arm below the cap (`rebuild._caps`) 0.072-0.156.
ARM_ROUND_AT = (0.3, 0.45, 0.6, 0.75)
ARM_ROUND_EDGE = 0.7
ARM_ROUND_HALF = 5
ARM_ROUND_LEAST = 0.08
#: `calf_swell`: where along a rebuilt shin (knee 0, ankle 1) its width is read (below
#: the knee, the calf, above the ankle), and the least share the calf may be wider than
#: the straight line between the other two makes it.
CALF_AT = (0.08, 0.32, 0.85)
CALF_SWELL_LEAST = 0.04
#: How far apart (CIE76 ΔE, Lab) a rebuilt forearm just above the wrist and the person's
#: own hand just below it may be: a forearm paler, yellower or greyer than the hand on
#: it reads as another person's arm (or a sleeve) even where the torso's skin matches.
WRIST_APART = 8.0
#: `arm_pale`: how much paler (L*) and greyer (less C*) than the person's own hand (CIE
#: Lab, the two together as one distance) the rebuilt forearm's upper half may be, where
#: `wrist_tone` does not look: an upper forearm in a lit face's tone read as fake skin
#: under the hand's own. On the devset (basic, 2026-12-06) `ootd--01861_00` under a tee
#: or a cami read 11.9 (L* 80, C* 18 on the arm, 63 and 29 on the hand); its forearm in
#: the hand's colour, 1.2; five other long-sleeved persons 0.7-4.4.
ARM_PALE_ALONG = (0.1, 0.55)
ARM_PALE_MOST = 8.0
#: `upper_arm_pale`: how much paler (L*) and greyer (less C*) than the person's own
#: bare arm below it (CIE Lab, one distance, as `arm_pale`) a rebuilt upper arm may be;
#: read on the rebuilt skin from `UPPER_ARM_ALONG` of the way from the shoulder to the
#: elbow, within `WRIST_ACROSS` of the bone, against the own arm's skin within it on the
#: upper arm and forearm. On the kit (basic, 2026-12-07), the orange sleeveless midi on
#: nine persons in short-sleeved tops read 0.0-18.2 (`cat--049713_0` 18.2, a peach upper
#: arm over a brown forearm; `fitdit_0274` 8.8, `ootd--051918_0` 8.1), 1.1-9.6 with the
#: upper arm in the own arm's colour (`own_arm`).
UPPER_ARM_ALONG = (0.25, 1.0)
UPPER_ARM_PALE_MOST = 8.0
#: Where along the forearm (elbow 0, wrist 1) it is read, how far either side of the
#: bone (shoulder widths), and how far round the wrist (shoulder widths) the hand is.
WRIST_ALONG = (0.55, 0.95)
WRIST_ACROSS = 0.12
WRIST_HAND = 0.35
#: `leg_tone_step`: the most a rebuilt thigh may be lighter (Lab L, 0..100) than the
#: person's own leg just below it (or darker, by `LEG_DARKER_MOST`): a pale thigh above
#: a tan knee reads as a stocking or another person's leg. Read `LEG_BAND` (shoulder
#: widths) either side of where the rebuilt leg ends on the own one, `LEG_ACROSS` either
#: side of the bone (inside the narrowest shin).
LEG_LIGHTER_MOST = 5.0
LEG_DARKER_MOST = 8.0
LEG_BAND = 0.3
LEG_ACROSS = 0.12
#: `leg_side_shade`: the least the rebuilt thigh's sides may be darker than its middle
#: (L), as a share of how much darker the own leg's sides below are; read on the middle
#: third and the outer thirds out to `LEG_SIDE_ACROSS` of the bone. Legs whose own sides
#: are within `LEG_SIDE_FLAT` of their middle give no measure (lit flat, or too thin).
LEG_SIDE_LEAST = 0.4
LEG_SIDE_ACROSS = 0.16
LEG_SIDE_FLAT = 2.0
#: How far (CIE76 ΔE) a strip across the arm between a rebuilt forearm and the person's
#: own hand may be from both (the forearm's colour above it, the hand's below): further,
#: it is a band across the wrist (the old cuff's lining or hem left, a pale refill where
#: the cuff was, the backdrop where the arm narrowed to a stub above the hand).
CUFF_APART = 10.0
#: The strips are this far either side of the bone (shoulder widths: the arm's middle,
#: inside the narrowest wrist), `CUFF_STRIP` pixels long along the arm, from this far
#: down the forearm (elbow 0, wrist 1) to the hand's first strips (`CUFF_INTO`).
CUFF_ACROSS = 0.05
CUFF_STRIP = 2
CUFF_FROM = 0.85
CUFF_INTO = 2
SKIN_DETAIL_RATIO = 0.5
#: `legs_smooth`'s lowest value: the detail (`detail_level`) of the rebuilt legs below the hips
#: over that of the person's own visible skin. Legs rebuilt from trousers under the
#: white knit mini (11 devset persons, basic, 2026-12-07) read 0.09-0.75, 6 under this,
#: laid with the chest's calmed detail; 0.13-0.75, 3 under it, with a shin's. Thighs
#: rebuilt above the person's own shins read 0.74-1.11 (4 of 5 persons).
LEGS_DETAIL_LEAST = 0.4
#: How much lighter (luminance, 0..255) than the blend of the garment inside and what
#: lies outside a pixel of the garment's soft edge may be before it is a halo: the
#: product photo's white backdrop carried in the edge's colour.
HALO_STEP = 20.0
#: The most of the garment's soft edge that may be halo, and how far (pixels) the
#: colours inside and outside are read round it.
HALO_SHARE = 0.1
HALO_REACH = 4.0
#: A step from a backdrop pixel beside the garment to its neighbour on the garment's edge
#: of more than this share of the way from the backdrop round it to the garment inside is
#: a cut: a soft edge (the photo's, or a sleeve's own ramp blurred) goes a third to a half
#: of the way in its first pixel.
EDGE_CUT_JUMP = 0.7
#: ...read only where the garment and the backdrop round it differ by this much (0..255).
EDGE_CUT_CONTRAST = 40.0
#: The most of the garment's outline against the backdrop that may be cut. On 20 renders
#: of a black tee on standing persons (basic, 2026-12-06) the strip laid whole up to the
#: mask's 0.5 line read 0.11-0.36, faded across the outline 0.001-0.055 (0-0.055 on 60
#: renders of three tops); the photos' own outlines 0.05-0.09.
EDGE_CUT_MOST = 0.1
#: The most of the kept top's lower part (`top_hem_changed`) a new bottom may change:
#: its outermost pixel is left out, and the hem's own soft edge, shared with the new
#: bottom, differs a little. On 13 devset persons x jeans and skirt (basic, 2026-12-06)
#: tops drawn over or smeared read 0.20-0.85, tops kept in front 0.0.
TOP_HEM_CHANGED = 0.1
#: How many pixels of an old garment's colour a column between the kept top's hem and a
#: new bottom may hold (`top_hem_gap`), and the most share of columns that may hold more.
#: On 13 devset persons x jeans and skirt (basic, 2026-12-06) the old engine read 0.09
#: (skirt) and 0.03 (jeans) on a tank tucked into high-waisted jeans, whose band was
#: mostly the tank mirrored down with the old elastic's bits; 0.0 on the 24 others and on
#: all 26 with the new bottom raised to the hem. A drawn tucked tank reads 1.0.
TOP_HEM_GAP_ROWS = 4
TOP_HEM_GAP = 0.05
#: `waistband_flecks`: how deep (torso lengths) the new bottom's top band is read, and
#: the most share of it that may be holes left as in the photo. On 14 kit persons x
#: jeans and skirt (basic, 2026-12-06) the three whose old jeans' button, loops or
#: frayed elastic stayed in the new waistband read 0.0022-0.0068, the other 22 pairs
#: (hands on or in the waistband among them) 0.0; a drawn button left in a hole, 0.02.
WAISTBAND_DEPTH = 0.12
WAISTBAND_FLECKS_MOST = 0.001
#: `waistband_kept`: how far either side of a column (shoulder widths) the new bottom's
#: top edge is taken (the highest near it: a notch narrower than this is read), and the
#: most share of the band under it that may be left as in the photo, uncovered, of the
#: old bottom's colours. On 23 good-pose kit persons x jeans and skirt (basic,
#: 2026-12-07) the pairs with an old satin band's black smear, old shorts' grey band,
#: an old print's flecks or a pale drip on the new waistband read 0.0056-0.038; a sheer
#: top's ragged black hem over a leopard skirt 0.012-0.018; the 35 others 0.0-0.0029.
WAISTBAND_EDGE_SPREAD = 0.05
WAISTBAND_KEPT_MOST = 0.005
#: How far above the hips (torso lengths) the kept top's lower part is read from.
TOP_HEM_RISE = 0.25
#: `outline_specks`: the garment's rim over the backdrop is read `RIM_SPECK_DEPTH` pixels in
#: from its outline; a rim pixel darker by `RIM_SPECK_STEP` (luminance, 0..255) than both the
#: darkest of the garment's own solid cloth within `RIM_SPECK_SPAN` pixels and the backdrop
#: beside it is a speck (a print's dark spots at the edge are its own darkest cloth). The
#: most share of the rim that may be specks: on 114 renders of the kit's six tops on 19
#: studio persons (basic, 2026-12-07) 46 read over 0 with the gaps layer's pinholes black
#: (0.0003-0.0115, 9 over the limit), 6 with them coloured (a grey fleck beside an arm
#: 0.066, a gingham's dark checks at a sleeve's rim 0.003 and under); drawn specks 0.067.
RIM_SPECK_DEPTH = 3
RIM_SPECK_SPAN = 12
RIM_SPECK_STEP = 25.0
OUTLINE_SPECKS_MOST = 0.005
#: How far (luminance, 0..255) the garment's colour at a pixel of its soft edge may
#: stray from the edge's own run along the outline before it is part of a fringe: a
#: print's dark spot smeared outward, a dash across a pale edge. The edge is read in
#: bands of like cover, from where the garment's colour is still readable (under 0.3
#: the backdrop drowns it).
FRINGE_STEP = 30.0
FRINGE_COVERS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
#: The most of the soft edge that may be fringe: a print's own spots and flowers just
#: inside the cut-out's edge, feathered to cover under 0.9, stray too (a clean leopard
#: outline reads 0.1-0.2, a plain tee's up to 0.05); a smeared one reads over 0.6.
FRINGE_SHARE = 0.3
#: A refilled backdrop pixel whose largest channel is further than this (0..255) from
#: the photo's own backdrop round it is a smear (skin or garment blended into it).
BACKDROP_STEP = 30.0
#: The highest acceptable share of such pixels.
BACKDROP_SMEAR_MOST = 0.1
#: Fewer refilled backdrop pixels than this and the check does not apply.
MIN_BACKDROP_PIXELS = 100
#: `loose_fill`: the highest acceptable share of the refill inside the silhouette that is
#: off the backdrop round it (`BACKDROP_STEP`). On the yellow cami over 5 loose old tops
#: (basic, 2026-12-06) the inpainted fills read 0.0004-0.17 (grey smears beside the arm
#: 0.04-0.17), the backdrop continued 0-0.024; a drawn dark sweater's sleeves, 0.42.
LOOSE_FILL_MOST = 0.05
#: `bottom_fill`: the same share beside a new bottom below the hip joints. On the kit's
#: jeans over 8 persons (basic, 2026-12-07) the fills drawn from round the hole read
#: 0.002-0.75 (a pink haze by the hands 0.15-0.32), the backdrop continued 0-0.44.
BOTTOM_FILL_MOST = 0.1
#: `hip_fill`: the same share beside a new top's or dress's sides below the waist.
#: Measured on 5 tops over a long black dress (`econ--1f7c…`), a white dress and 2 tees
#: over 8 persons in dresses (basic, 2026-12-07): see docs/results-classic-garments.md.
HIP_FILL_MOST = 0.1
#: `backdrop_seam`: a refilled backdrop pixel on the refill's rim whose largest channel is
#: further than this (0..255) from the photo's own backdrop just beyond the rim steps.
BACKDROP_SEAM_STEP = 25.0
#: The highest acceptable share of the rim that steps. On `sylius--t-shirt_01` (a grey
#: band over a white one beside the shoulders; basic, 2026-12-07) the fill read round
#: about read 0.18-0.33 (a grey halo), the fill read along the rows 0.05-0.12; on
#: `rembg--cloth-1` (a blurred crowd behind) 0.06-0.11 and 0.15-0.19 (the crowd's spots
#: carried along the rows meet its other spots: no halo to the eye).
BACKDROP_SEAM_MOST = 0.2
#: How far inside the refill (as many times the check's `width`) its rim is read: past the
#: rebuild's soft edge, where the fill shows in full.
BACKDROP_SEAM_IN = (2, 4)
#: ...read where the backdrop's weight round a pixel (its Gaussian share within the
#: reach) is at least this: deeper in, what lies behind is not known from the photo.
LOOSE_BACKDROP_NEAR = 0.02
#: `pocket_hole`: the highest acceptable share of a hidden hand's disc left as in the
#: photo inside the new garment. The devset's hands in a hoodie's pouch, a jacket's and
#: shorts' pockets (basic, 2026-12-06) read 0.055-0.34 kept as holes, 0.0-0.006 covered;
#: a hand in a trouser pocket kept piercing a blouse's hem, 0.109.
POCKET_HOLE_MOST = 0.05
#: The highest acceptable share of the person's own bare lower legs and feet, below a
#: new dress, that the render changed (`legs_changed`).
LEGS_CHANGED_MOST = 0.1
#: The highest acceptable share of the person's feet and shoes, clear of a new bottom,
#: that the render changed (`feet_changed`). On the kit's bottoms (basic, 2026-12-07)
#: shoes smeared or blotted with skin read 0.05-0.3 (a few smaller smears 0.02-0.04),
#: shoes kept as shot 0.0-0.045 (the rebuilt shin's soft end over the shoe's top).
FEET_CHANGED_MOST = 0.05
#: The highest acceptable share of the legs' line below a new dress still showing the
#: old trousers (`trousers_left`): a hem's band round both ankles is about a tenth.
TROUSERS_LEFT_MOST = 0.08
#: How near (CIE Lab distance) a pixel's colour must be to the trousers' to be theirs.
TROUSERS_TOLERANCE = 12.0
#: A pixel whose channels all moved by this much or less is the photo's own, unchanged.
UNMOVED_STEP = 6
#: `bodice_width` reads lines across the trunk from this share of the way from the
#: shoulders' line to the hips to this share: the armpits to the waist.
BODICE_SPAN = (0.3, 0.65)
#: A dress's bodice covers the trunk there, side to side: the median over those lines of
#: its run over the trunk's, arms left out of both, is at least this.
BODICE_WIDTH_LEAST = 0.9
#: `skirt_width` reads lines across the body from the hips this share of the way to the
#: knees, where the hands hang beside the skirt.
SKIRT_SPAN = (0.05, 0.4)
#: A dress's skirt covers the body there, side to side, arms and hands left out: the
#: median over those lines of its run over the body's is at least this. On the kit's two
#: dresses over groups 3 and 4 (46 renders, basic, 2026-12-07, hands left out) skirts
#: meeting the body or the hands read 0.955-1.19; a skin block between the skirt and
#: the forearm (`ootd--053514_0` × the white knit) 0.927, a pale strip beside the arm at
#: the waist (`05997_00`) 0.942.
SKIRT_WIDTH_LEAST = 0.95
#: A top's width profile is read from this share of the way from the shoulders' line to
#: the hips to this share (`waist_pinch`), its hem's soft edge left out.
WAIST_PINCH_SPAN = (0.3, 0.95)
#: A top whose width dips more than this share below the narrower of its widest above
#: and below is pinched (`waist_pinch`): tees cut to a fitted dress's waist read 0.24 to
#: 0.36 (2026-12-06); tops hanging straight up to 0.16, an arm against the waist's side
#: ending the run early.
WAIST_PINCH_MOST = 0.18
#: The most of the person's own hair over the shoulders a new top or dress may change
#: (`hair_cut`): its soft ends, blended over the garment, differ a little. Renders that
#: keep the whole lock change at most 0.001 of it; a lock's lit side redrawn as a flat
#: block beside the neck changed 0.09 (`fitdit_2`), curls cut at the shoulder 0.19
#: (`magento--home-performance`).
HAIR_CUT_MOST = 0.05
#: The most of the person's own fair locks over the shoulders a new top or dress may
#: change (`fair_hair_cut`): their soft ends, blended over the garment, as for `hair_cut`.
FAIR_HAIR_CUT_MOST = 0.05
#: `head_side_changed`: beside the head is above the shoulders' line by more than
#: `HEAD_SIDE_RISE` shoulder widths (clear of the shoulders' tops: a shoulder seen from
#: below rises 0.3 above its joint, and the old top rebuilt there is no fault) and
#: further than `HEAD_SIDE_OUT` from the neck's axis (past a collar's points), and
#: further than `HEAD_SIDE_ARM` from an arm's bones (a raised sleeve is the old top); the
#: fewest of the person's non-skin pixels there for a value; and the most of them (over
#: the squared shoulder width) a render may change where it draws nothing. On
#: 2026-12-07 (basic) at main the brim cut and the skin blob beside it read 0.035-0.039
#: on `carvekit--3`'s tops; kept, 0.0005; `econ--1f7c…`'s high shoulder rebuilt under a
#: cami 0.0005.
HEAD_SIDE_RISE, HEAD_SIDE_OUT, HEAD_SIDE_ARM = 0.35, 0.35, 0.35
HEAD_SIDE_LEAST, HEAD_SIDE_CHANGED_MOST = 50, 0.01
#: `fair_hair_cut`: the blur (pixels) the strands' fine steps are read against (half of
#: it) and averaged over, and the least share of a lock's fine steps a render must keep
#: for it to count as the lock (a flat block keeps almost none).
STRAND_BLUR, STRANDS_LEFT = 2, 0.5
#: The share of the discs round the hands (`cloth_by_hand`) that may stay the old
#: garment's colours inside the new garment's span: the hand's outermost pixels and a
#: cuff's edge. Khaki blocks kept beside both hands under a new dress read 0.08-0.09
#: (`maho-sample-data__mpd000t`), 0.0015 once gone; a beige strip beside a hand 0.06.
CLOTH_BY_HAND_MOST = 0.05
#: `arm_cut` reads a forearm in strips across its bone this share of the shoulder width
#: wide (two pixels at least). Up to the wrist it reads the middle of the arm, this
#: share of the shoulder width either side of the bone, whatever the engine took for
#: the arm (under a third of a slim forearm's width); a strip holding under this share
#: of that middle's pixels (a corner of the hand past the wrist) is not read.
ARM_STRIP = 0.04
ARM_STRIP_FULL = 0.5
ARM_CORE = 0.03
#: ...and fails a render that changed more than this share of a strip: a ring of the new
#: garment across the arm (`thirtybees--image_7`'s bangles drawn through, 0.43-1.0),
#: where a kept arm's strips change by a few edge pixels (0.02 at most there).
ARM_CUT_MOST = 0.3
#: A held thing (`held_lost`) whose pixels changed more than this share is drawn over;
#: kept in front its outermost pixel, blended with the new garment, may change.
HELD_LOST_MOST = 0.15
#: A bare forearm raised in front of the shoulder (`raised_arm_changed`) whose pixels
#: changed more than this share is drawn over or rebuilt: the devset's mirror selfie's
#: arm holding the phone, under a new top's body and sleeve, changed by 0.3-0.9.
RAISED_ARM_MOST = 0.15
#: The most of the old garment's mask, in pieces lying wholly above the shoulders, over
#: the squared shoulder width (`neck_patch`): about a patch 0.06 shoulder widths across.
NECK_PATCH_MOST = 0.004
#: The farthest a lens's middle may lie from its eye's middle along the eye line, in
#: the wider eye's widths (corner to corner), and the share of a side's tallest column
#: of frame a column must reach to be lens rather than a temple arm. On the devset the
#: flat frames on three-quarter faces scored 0.53 to 0.70 (far lens stretched past the
#: face, graded B and F); frames laid on the head in 3D score at most 0.48.
GLASSES_OFF_EYES, LENS_COLUMN = 0.5, 0.4
#: `lens_lines`: a line is no wider than `LENS_LINE_WIDTH` of the frame's height and its
#: cover stands `LENS_LINE_STEP` above the lens round it (or its grey `LENS_LINE_DARK`
#: under it); looked for `LENS_INSIDE` of the
#: height in from the outline (clear of the rims); fails above `LENS_LINES_MOST`.
LENS_LINE_WIDTH, LENS_LINE_STEP, LENS_INSIDE, LENS_LINES_MOST = 0.1, 0.2, 0.09, 0.03
#: ... or, where the lens is drawn solid, its grey this far under the lens round it.
LENS_LINE_DARK = 30.0
#: `old_frame_left`: an old frame's pixel (one of its dark lines) still stands as a line
#: when it is this much darker (Lab lightness, 0..100) than a grey closing across it and
#: keeps this share of the darkness it had before; the new frame's cover and this many pixels round it (or
#: half the closing's width, its edge and contact shadow) are not looked at; it fails
#: above `OLD_FRAME_LEFT_MOST` of the old frame.
OLD_FRAME_DARK, OLD_FRAME_KEPT, OLD_FRAME_CLEAR, OLD_FRAME_LEFT_MOST = 10.0, 0.5, 3, 0.15
#: ... and it does not apply when less than this share of the old frame lies clear of the new.
OLD_FRAME_SEEN = 0.05
#: A sleeve's end is looked at (`hem_ragged`) this far (shoulder widths) either side of
#: the bone and up and down the arm from where the garment gives way on it; at least
#: HEM_COLUMNS of the lines across must find its edge (else it is not a hem: a sleeve
#: against the body panel, or cut off by a hand).
HEM_HALF = 0.05
HEM_REACH = 0.1
HEM_COLUMNS = 0.7
#: The most a sleeve's end may stray from a smooth curve (`hem_ragged`), in thousandths
#: of the shoulder width (about a pixel at basic size).
HEM_RAGGED_MOST = 4.0
#: The most pixels a sleeve's end may take to fade out (`hem_blur`).
HEM_BLUR_MOST = 3.5
#: `neckline_ragged` and `neckline_blur` read the new garment's top edge where bared skin
#: lies above it (a cami's or a sleeveless dress's neckline and straps): columns whose
#: edge has at least `NECKLINE_SKIN` rebuilt skin within `NECKLINE_ABOVE` shoulder widths
#: above it, the edge no steeper than `NECKLINE_SLOPE` (down a strap's side the columns
#: run along it), at least `MIN_NECKLINE` of them (or `NECKLINE_LENGTH` shoulder widths).
#: A neckline is a smooth line: its column-to-column noise (`neckline_ragged`, pixels) at
#: most `NECKLINE_RAGGED_MOST`; and a sharp fold of cloth: its fade from 0.9 to 0.1 across
#: the edge at most `NECKLINE_BLUR_MOST` pixels. Warped from the product's soft cut-out it
#: faded over 3-6 pixels at basic size (2026-12-06), wavy and notched.
NECKLINE_SKIN = 0.5
NECKLINE_ABOVE = 0.03
NECKLINE_SLOPE = 1.0
MIN_NECKLINE = 20
NECKLINE_LENGTH = 0.2
NECKLINE_RAGGED_MOST = 0.3
NECKLINE_BLUR_MOST = 2.5
#: `arm_edge_steps`: where along each arm bone (shares) the rebuilt arm's sides are read,
#: how far across (shares of the bone's length) each side is looked for, over how many
#: samples along it (Gaussian sigma) the smooth line it strays from is drawn, and the
#: fewest samples it is read on. On the FILA tee over `ootd--01008_00`, `--01861_00`
#: (arms rebuilt from long sleeves) the staircase read 0.31 and 0.27, the smooth sides
#: 0.22-0.23; other arms rebuilt from long sleeves 0.10-0.24 smooth.
ARM_EDGE_AT = (0.1, 0.9)
ARM_EDGE_ACROSS = 0.35
ARM_EDGE_SMOOTH = 8.0
MIN_ARM_EDGE = 30
ARM_EDGE_STEPS_MOST = 0.25
#: `skin_dark_marks`: how far inside the rebuilt skin's outline it is read (shoulder widths:
#: off the rim's shade), at what scale (Gaussian sigma, shoulder widths, at least
#: `DARK_MARK_LEAST_SIGMA` pixels: the detail patches' own) and by how much darker than
#: round it (a share of its lightness) a pixel is a mark; and the most share of marks. On
#: 6 persons in long or no sleeves x the FILA tee, the black tee, the cami and the white
#: dress (basic, 2026-12-07), `ootd--01008_00`'s arms streaked with its fingers' gaps read
#: 0.011-0.015, every other render 0-0.0042 (arms laid with the cheeks' detail, 0.0021-0.0042).
DARK_MARK_INSET = 0.06
DARK_MARK_SIGMA, DARK_MARK_LEAST_SIGMA = 0.02, 2.0
DARK_MARK_DEPTH = 0.04
DARK_MARKS_MOST = 0.008
#: How wide (shoulder widths) the rebuilt skin's edge against the backdrop may be: the
#: pixels between the two in colour (`SKIN_EDGE_BETWEEN` of the way from the backdrop's
#: to the skin's), over the length of the skin's outline there. The photo's own silhouette
#: is a few pixels; a torso blurred by 0.03 shoulder widths faded out over the backdrop as
#: a brown haze round level, square shoulders. On 10 persons x a cami and 3 sleeveless
#: dresses (basic, 2026-12-04) hazy renders read 0.03-0.11 (median 0.035), with the
#: skin's outline crisp 0.002-0.05 (median 0.027; over 0.03 mostly where the old strap's
#: place is rebuilt greyish, between skin and backdrop in colour).
SKIN_EDGE_MOST = 0.03
SKIN_EDGE_BETWEEN = (0.2, 0.8)
#: How near (shoulder widths) both the rebuilt skin and the clear backdrop the edge is
#: read, and how far round each pixel their colours are.
SKIN_EDGE_REACH = 0.1
#: Skin and backdrop closer than this in colour (CIE76 ΔE) have no edge to read.
SKIN_EDGE_CONTRAST = 15.0
#: An outline beside the backdrop shorter than this (pixels, or shoulder widths when more)
#: and the check does not apply: a few pixels of skin at the neck's side read as noise.
MIN_SKIN_EDGE = 30
SKIN_EDGE_LENGTH = 0.5
#: How many times as wide as the person's own skin's (pixels of blend per pixel of
#: outline, both read as `skin_edge` reads them) the rebuilt skin's edge against the
#: backdrop may be. On 23 readable renders (basic, 2026-12-07: the cami on 16 good-pose
#: persons, a leopard top and an orange sleeveless dress on 5) the rebuilt skin blurred by a
#: pixel at the analysis size and enlarged read 1.03-2.32 (7 over 2.0, the hazy shoulder
#: tops of `cat--model_7`, `fitdit_4`, `ootd--model_9` and `cat--2-model_4` among them),
#: drawn crisp 0.76-1.94. It reads the haze, not specks of the old top along the edge.
SKIN_EDGE_OWN_MOST = 2.0
#: The own skin's edge is read as at least this wide (pixels): a photo's cut-out edge
#: can be a single pixel, and a ratio over it would make a crisp rebuilt edge hazy.
SKIN_EDGE_OWN_LEAST = 1.0
#: How far round each outline pixel (shoulder widths) its edge's steepest slope is
#: looked for: the skin's share there ends a few pixels inside the blend.
SKIN_EDGE_OWN_SLOPE = 0.02
#: Outline pixels where skin and backdrop differ less in lightness than this (CIE L)
#: have no edge to read.
SKIN_EDGE_OWN_STEP = 10.0
#: How big a step in lightness (Lab L, mean over the rebuilt side of the seam) the
#: rebuilt skin may make where it meets the person's own skin beside it (the old
#: neckline, a kept arm): beyond it the old neckline shows as a line in the skin.
SKIN_SEAM_MOST = 6.0
#: `chest_flat`: the rebuilt upper chest read from `CHEST_FLAT_ROWS` (shoulder widths
#: above and below the shoulders' midpoint) within `CHEST_FLAT_HALF` of the midline; the
#: visible neck from `NECK_FLAT_ROWS` above that midpoint within `NECK_FLAT_HALF`. The
#: lightness is smoothed at `CHEST_FLAT_SMOOTH` shoulder widths (past grain and mottle).
CHEST_FLAT_ROWS = (0.05, 0.3)
CHEST_FLAT_HALF = 0.2
NECK_FLAT_ROWS = (0.3, 0.08)
NECK_FLAT_HALF = 0.15
CHEST_FLAT_SMOOTH = 0.015
#: ...and its lowest ratio: 9 devset persons' own bare upper chests (tanks, camis,
#: strapless dresses) read 0.21-2.8 (median 0.6) of their neck's shading across; chests
#: rebuilt under the yellow cami from tees and sweaters (2026-12-06) 0.05-0.3, the
#: flattest (an even fill from the neck down) under 0.2.
CHEST_FLAT_LEAST = 0.2
#: `chest_slab`: the rebuilt upper chest's fine texture (as `chest_texture` reads it) over
#: the person's own visible neck's, both read where `chest_flat` reads them, and its
#: lowest ratio: 7 devset persons' own bare upper chests (tanks, camis; basic size) read
#: 0.43-0.69 of their necks'; chests rebuilt under the yellow cami as one smooth slab
#: (2026-12-06: `cat--model_7`, `cat--2-model_4`, `fitdit_0279`) 0.13-0.20.
CHEST_SLAB_LEAST = 0.3
#: `chest_tone`: the person's own neck read in a band `CHEST_TONE_BAND` tall (shoulder
#: widths) just above the rebuilt skin's top, within `CHEST_TONE_HALF` of the midline,
#: that top looked for from `CHEST_TONE_HIGHEST` above the shoulders' midpoint; the
#: rebuilt chest from `CHEST_TONE_DOWN[0]` to `[1]` below it (past the seam, where the
#: rebuilt skin is matched to the neck: `skin.matched_at_seam`, over 0.25). The most ΔE (CIE76) between
#: their middles: as `TONE_APART` for rebuilt skin against the skin nearest it.
CHEST_TONE_BAND = 0.1
CHEST_TONE_HALF = 0.15
CHEST_TONE_HIGHEST = 0.45
CHEST_TONE_DOWN = (0.15, 0.45)
CHEST_TONE_APART = 12.0
#: `chest_dim`: the rebuilt chest read within `CHEST_DIM_HALF` of the midline from the
#: shoulders' midpoint to `CHEST_DIM_DOWN` below it (shoulder widths); the own arms in a
#: band `CHEST_DIM_ARM` wide along their bones; each one's lightness at its
#: `CHEST_DIM_LIT` quantile (the middle: both are shaded across, their sides turning
#: away). The most the chest's may lie below the arms' (CIE L): the cami's chests on 16
#: studio persons (2026-12-07) read -10.7 to 6.1, the one lit by a dark floral shirt's
#: print (`fitdit_0`, a dull mauve slab below bright arms) 11.0, a flat dark chest
#: below glossy, lit shoulders and arms (`ootd--09597_00`) 14.9.
CHEST_DIM_HALF = 0.3
CHEST_DIM_DOWN = 0.4
CHEST_DIM_ARM = 0.12
CHEST_DIM_LIT = 0.5
CHEST_DIM_MOST = 7.0
#: `chest_spread`: the least the rebuilt chest's spread of lightness may be of the own
#: arms' (both read where `chest_dim` reads them): the cami's chests on 10 studio persons
#: (2026-12-07) read 0.34-0.80; those a shopper sees as one smooth fill below shaded
#: arms (`ootd--model_6`, `cat--2-model_4`, `ootd--09597_00`, `cat--model_5`,
#: `cat--model_7`) 0.34-0.53, the one graded A (`ootd--model_1`) 0.80.
CHEST_SPREAD_LEAST = 0.55
#: How wide (shoulder widths) a band either side of that seam is read, and how far
#: along it (Gaussian sigma, shoulder widths) each side's lightness is averaged.
SKIN_SEAM_BAND = 0.04
SKIN_SEAM_SPREAD = 0.05
#: Fewer seam pixels than this (or than this share of a shoulder width) and the check
#: does not apply.
MIN_SKIN_SEAM = 30
SKIN_SEAM_LENGTH = 0.3
#: How wide a rim (shoulder widths) of neither side may lie between the two and the seam
#: still be read across it: the refilled soft edge of an old neckline, 2-8 px at basic size.
SKIN_SEAM_RIM = 0.03
#: `old_neckband`: how far round the shoulders' midpoint (shoulder widths) an old
#: neckline is looked for, how near the rebuilt skin (shoulder widths) a kept pixel
#: lies on it, and the most of it (its pixels over the shoulder width: the line's length
#: in shoulder widths) a render may keep.
OLD_NECKBAND_REACH = 0.45
OLD_NECKBAND_NEAR = 0.03
OLD_NECKBAND_MOST = 0.15
#: `old_straps_left`: how far (shoulder widths) from the line between the shoulders'
#: midpoint and each shoulder joint an old strap is looked for, how near the old top's
#: colour (Lab, lightness weighed 0.4) a pixel must be to be its strap, and the most of
#: it (pixels over the shoulder width: a 1-pixel line's length in shoulder widths) a
#: render may keep. On the devset (basic, 2026-12-06) a cami's black straps kept under
#: the yellow cami read 0.71, a blue one 0.34; taken off, 0-0.15 (a tank's pale strap
#: edges, nearer the skin than its white, are mostly missed).
OLD_STRAPS_REACH = 0.3
OLD_STRAPS_COLOUR = 20.0
OLD_STRAPS_MOST = 0.3
#: `old_line_on_chest`: how far round the shoulders' midpoint (shoulder widths) a line
#: of the old top is looked for, how near the rebuilt skin (shoulder widths) it lies, how
#: near the old top's colour (Lab, lightness weighed 0.4) and how far off the rebuilt
#: skin's a pixel must be to be of it, and the most of it (pixels over the shoulder
#: width: a 1-pixel line's length in shoulder widths) a render may keep. On the kit
#: (basic, 2026-12-07) cat--2-model_4's yellow tank's neckline edge kept across the
#: rebuilt chest read 0.064-0.067 under four garments; freed, 0.0, as on ootd--model_6.
OLD_LINE_REACH = 0.45
OLD_LINE_NEAR = 0.03
OLD_LINE_COLOUR = 20.0
OLD_LINE_OFF_SKIN = 15.0
OLD_LINE_MOST = 0.03
#: ...read only where the person's mask is over this (`body`).
OLD_LINE_BODY = 0.5
#: How big a step in lightness (Lab L*, across `SKIN_STEP_SPAN` shoulder widths) inside
#: the rebuilt skin counts as a line in it, and how long (shoulder widths) such steps may
#: run in all. The rebuilt skin is smooth at that scale but for its shading; a limb's
#: shading switched to the torso's at one line stood as a vertical step beside the arm
#: by the armhole, and the old armhole's outline kept as a line down the shoulder.
SKIN_STEP = 6.0
SKIN_STEP_MOST = 0.15
SKIN_STEP_SPAN = 0.02
#: A limb's own round is no step: within `SKIN_STEP_RIM` shoulder widths of the rebuilt
#: skin's outline (about a limb's half width), lightness that falls towards that outline
#: (its direction within `SKIN_STEP_TURN` radians of the way out) is the limb turning
#: away. Real bare forearms on the photos' own skin read 0.53-2.1 without this (every
#: limb failed), 0.005-0.085 with it.
SKIN_STEP_RIM = 0.12
SKIN_STEP_TURN = 0.6
#: `sleeve_coverage` also reads lines this far (shoulder widths) either side of the arm's
#: bone: about half an upper arm's half-width (an upper arm is 0.25-0.3 shoulder widths
#: across), inside the arm where the pose's joints sit near its middle.
SLEEVE_ACROSS = 0.07
#: ...from this share of the sleeve's reach down (the bone's line alone from 0.15).
SLEEVE_ACROSS_FROM = 0.05
#: How many times the fine grain (`texture_level`: the luminance's robust spread about
#: its blur at 1.5 px, over its level) of the person's own cheeks, or of smooth skin
#: (`SKIN_GRAIN_FLOOR`) where that is more or the cheeks are not seen, rebuilt skin may
#: show. Real bare arms read 0.003-0.012 at basic (10 devset persons), as smooth as
#: their cheeks or smoother; rebuilt arms stippled with a knit's or a plaid's weave taken
#: for the skin's grain 0.04, three times the floor.
SKIN_GRAIN_MOST = 2.0
SKIN_GRAIN_FLOOR = 0.012
#: The fewest pixels of the cheeks whose grain is read.
MIN_CHEEK_PIXELS = 20
#: `old_folds`: the band of scales (Gaussian sigma, shoulder widths) a fold's light lies
#: in, finer than the body's rounded light and coarser than the cloth's weave; how far
#: in from the region's rim (shoulder widths) it is read (outlines are no folds); the
#: least pixels it is read on; and the most of the photo's folds (L* of the part of the
#: render's fold-scale light that follows them) the new garment may show.
OLD_FOLDS_FINE = 0.012
OLD_FOLDS_BODY = 0.07
OLD_FOLDS_RIM = 0.04
#: How near (Lab L*, and a* and b*) the new garment's main colour a pixel is read: as
#: far in lightness as its shading darkens it, not onto its print.
OLD_FOLDS_LIGHTNESS = 20.0
OLD_FOLDS_HUE = 8.0
MIN_OLD_FOLDS = 400
#: ...and the least share of the region that must be of the main colour, off its rim.
OLD_FOLDS_SHARE = 0.2
OLD_FOLDS_MOST = 0.35
#: `coat_skirt_left`: the most of a long coat's skirt (below the hips, down to its hem,
#: where neither the new top nor the hands are) a render may leave as in the photo, each
#: channel within `COAT_SKIRT_SAME`: the rest is the trousers continued up and the
#: backdrop beside them, all changed.
COAT_SKIRT_LEFT_MOST = 0.2
COAT_SKIRT_SAME = 6
#: `coat_panel_left`: the most of an open coat's panels and sleeves beside the new top
#: (see `coat_panel_left`) a render may leave as in the photo. On the devset's two open
#: coats x the six grading tops (basic, 2026-12-06) the panels left beside the new top
#: read 0.36-0.90, taken and rebuilt 0.0-0.0001.
COAT_PANEL_LEFT_MOST = 0.2
#: `outer_coat_cut`: the most of an open coat worn over a top (see `outer_coat_cut`) a
#: render may change. On the devset's skin-toned coat
#: (`pixie--pexels-megan-markham-2448525`) x the kit's ten garments (basic, 2026-12-07)
#: the renders before the coat was kept changed 0.05-0.55 of it (a narrow top 0.05 and
#: 0.07, wide tops, the dresses and the bottoms 0.21-0.55); kept, 0.022-0.033 (the hands'
#: soft matte over its edge). On the dark green parka of `econ--c7ca6894…` the tops and
#: dresses changed 0.79-1.0 of it before (taken as the old top), the bottoms 0.002-0.003;
#: kept, 0.000-0.012.
OUTER_COAT_CUT_MOST = 0.04
#: `old_hem_left`: the most of an old top's hem line, over bottoms of its colour, that
#: may still show below a shorter new top (the photo's own line runs over at least
#: `old_garment.HEM_LINE_ACROSS` of the body's width).
OLD_HEM_LEFT_MOST = 0.6
#: `sleeve_changed`'s limit: the share of a forearm's middle at the hips the render may
#: change (its edge against the new waistband, a pose a little off the arm).
SLEEVE_CHANGED = 0.15
#: `dress_legs_left`'s limit: the share of the legs' place below a new dress that the
#: render may show as neither legs nor backdrop (the shoes' straps, a shadow).
DRESS_LEGS_LEFT_MOST = 0.1
#: `bare_legs_changed`: a pixel of a bare leg as shot that the render moved by more than
#: `BARE_LEG_MOVED` (Lab ΔE) was redrawn; the render may redraw up to
#: `BARE_LEGS_CHANGED_MOST` of those below a new dress (the shade at its hem, a leg's rim).
BARE_LEG_MOVED = 8.0
BARE_LEGS_CHANGED_MOST = 0.05
#: `bottom_redrawn`: under a new top, the old bottom from `BOTTOM_REDRAWN_DROP` torso
#: lengths below the hip joints down is the person's own; the render may move up to
#: `BOTTOM_REDRAWN_MOST` of it by more than `BARE_LEG_MOVED` (a hand's shade, a rim).
#: Eight kit persons × six tops (2026-12-07): 0.09-0.24 where the trousers were taken
#: into the old top's long hem (`fitdit_0279`, `ootd--051918_0`, `pixie--…megan…`), 0.0
#: with them left out; 0.0-0.029 on the rest (the most on a coat's trousers, `econ--c7ca…`).
BOTTOM_REDRAWN_DROP = 0.15
BOTTOM_REDRAWN_MOST = 0.03
#: `bottom_sides_redrawn`: the old bottom beside the hip joints, from `BOTTOM_SIDES_FROM`
#: to `BOTTOM_SIDES_TO` torso lengths down from the neck (1 at the hips: from the waist to
#: below hanging hands), is the person's own under a new top too; the render may move up
#: to `BOTTOM_SIDES_REDRAWN_MOST` of it by more than `BARE_LEG_MOVED`. Twelve kit persons x
#: tops (2026-12-07), their sides taken into the old top: 0.0-0.32, over 0.1 on 15 of
#: 56 pairs (`ootd--model_6` 0.15-0.20, the cami 0.11-0.32); left as shot, 0.0-0.073.
BOTTOM_SIDES_FROM = 0.6
BOTTOM_SIDES_TO = 1.5
BOTTOM_SIDES_REDRAWN_MOST = 0.1
#: `bottom_print_redrawn`: a printed old bottom from `BOTTOM_PRINT_FROM` torso lengths
#: down from the neck (the old top's hem may lie on it) is the person's own under a new
#: top; the render may move up to `BOTTOM_PRINT_REDRAWN_MOST` of it by more than
#: `BARE_LEG_MOVED` (the new top's shade at its hem, a hand's rim).
BOTTOM_PRINT_FROM = 0.6
BOTTOM_PRINT_REDRAWN_MOST = 0.05
#: `leg_step` reads a leg's middle this far (shoulder widths) above and below where the
#: rebuilt leg meets the shin below an old hem; more than LEG_STEP_MOST apart is a step.
#: Six devset persons in midis and slips × two dresses (2026-12-06): the steps seen read
#: 0.021-0.049, after the knee was moved over the shin 0.003-0.025 (a notch left).
LEG_STEP_READ = 0.05
LEG_STEP_MOST = 0.02
#: `garment_crumbs`' limit: no piece of the new garment floats on the shoulders.
GARMENT_CRUMBS_MOST = 0.0
#: `neck_holes`: the box round the neck read, `NECK_HOLE_SIDE` shoulder widths either side
#: of the shoulders' midpoint, from `NECK_HOLE_ABOVE` above it to `NECK_HOLE_BELOW` below
#: (the neckline's area); the most of it (hundredths of a square shoulder width) the new
#: garment may leave as holes: a top's neckline is one edge, with nothing of the person
#: or the old garment showing through inside it.
NECK_HOLE_SIDE, NECK_HOLE_ABOVE, NECK_HOLE_BELOW = 0.3, 0.3, 0.3
NECK_HOLES_MOST = 0.1
#: `enclosed_backdrop`: garment pixels within `ENCLOSED_COLOUR` (8-bit Lab) of the
#: product photo's backdrop (its border's median), enclosed by garment and within
#: `ENCLOSED_REACH` of the garment's height of its outside (inside a strap's loop, not
#: deep in a print), at least `ENCLOSED_AREA` of that height squared a part, whose rim
#: (`ENCLOSED_RIM` of that height deep) is of one fabric unlike the backdrop (Lab
#: channels' spread averaging under `ENCLOSED_STRAND`, its median
#: `ENCLOSED_UNLIKE` from it: a print's white lies among other colours). The limit
#: leaves specks: the yellow cami's strap loops read 0.0011 of its area, then 0; of the
#: devset's other cut-outs three read 0.0019-0.011 (backdrop between an on-model arm and
#: body among them), the rest under 0.0004 (2026-12-06).
ENCLOSED_COLOUR = 6.0
ENCLOSED_REACH = 0.05
ENCLOSED_AREA = 2e-5
ENCLOSED_RIM = 0.004
ENCLOSED_STRAND = 12.0
ENCLOSED_UNLIKE = 12.0
ENCLOSED_BACKDROP_MOST = 0.0005
#: `print_left`: a window (`PRINT_LEFT_WINDOW` torso widths a side) whose colours spread
#: this far round their mean (root mean square, 8-bit Lab, lightness weighed 0.4) is a
#: print's; the old garment is a print when over `PRINT_LEFT_PRINTED` of its place is.
PRINT_LEFT_SPREAD = 16.0
PRINT_LEFT_WINDOW = 0.06
PRINT_LEFT_PRINTED = 0.3
#: `print_left`'s limit: the share of an old print's place, off the new garment, the face
#: and the hands, where the render still shows its print.
PRINT_LEFT_MOST = 0.05
#: `old_print_by_hand`: a piece of skin colour over this share of the hands' discs is a
#: hand (a print's cells are a few pixels each).
HAND_PRINT_PIECE = 0.05
#: `old_print_by_hand`'s limit: the share of those holes in the pose's hand discs that is
#: the photo's print left as shot.
HAND_PRINT_MOST = 0.1
#: A garment's outline over the backdrop is as crisp as the product's own edge: on average
#: its cover fades from 0.95 to 0.05 within this many pixels (`outline_blur`). Warped up
#: from the product's soft cut-out, a tee's shoulders faded over 3-4: a dark smear.
OUTLINE_BLUR_MOST = 2.5
#: `outline_blur` needs this many pixels of the outline on the backdrop to read it.
OUTLINE_LEAST = 20
#: `rim_flat`: the rim is the cloth (cover over 0.95) this far (pixels, from, to) from
#: the garment's outside, and the cloth compared with it lies this far in...
RIM_BAND = (1.0, 4.0)
RIM_INSIDE = (6.0, 12.0)
#: ...its detail being each pixel's lightness off the cloth's own round it (a Gaussian of
#: this sigma, pixels, over the cloth only): a gingham's checks, a print's spots' edges.
RIM_DETAIL_SIGMA = 1.5
#: A cloth whose detail inside is under this (mean, 0..255) is plain: it has none to lose.
RIM_DETAIL_LEAST = 4.0
#: The rim keeps at least this share of the detail inside. On 33 renders of the devset's
#: gingham, leopard print and floral blouse (basic, 2026-12-06) a flat band of the cloth's
#: blurred colour round them kept 0.15-0.51 of it (a faint one on the blouse up to 0.84);
#: the print carried on to the edge 0.81-1.36.
RIM_FLAT_LEAST = 0.6
#: `rim_mottle`: the rim (`RIM_BAND`) is compared with the cloth this far in (pixels,
#: from, to), past the strip a top's gaps layer lays up to the person's outline; a cloth
#: whose detail there is `RIM_DETAIL_LEAST` or more is printed or woven, not plain...
MOTTLE_INSIDE = (16.0, 28.0)
#: ...and its rim has at most this many times that detail. On the black tee over 12
#: studio persons (basic, 2026-12-07) the mirrored strip read 1.6-2.1 (see the results'
#: session 38 section "a black tee's shoulders ringed by a lacy, speckled band").
RIM_MOTTLE_MOST = 1.75


#: (lowest, highest) acceptable value of each check; None leaves that side open.
LIMITS: dict[str, tuple[float | None, float | None]] = {
    "skin_texture": (0.35, None),
    "skin_grain": (None, SKIN_GRAIN_MOST),
    "skin_shading": (0.25, None),
    "skin_detail": (SKIN_DETAIL_RATIO, None),
    "chest_texture": (CHEST_TEXTURE_LEAST, 1.0),
    "skin_tone": (None, TONE_APART),
    "skin_edge": (None, SKIN_EDGE_MOST),
    "skin_edge_own": (None, SKIN_EDGE_OWN_MOST),
    "skin_seam": (None, SKIN_SEAM_MOST),
    "chest_flat": (CHEST_FLAT_LEAST, None),
    "chest_tone": (None, CHEST_TONE_APART),
    "chest_slab": (CHEST_SLAB_LEAST, None),
    "chest_dim": (None, CHEST_DIM_MOST),
    "chest_spread": (CHEST_SPREAD_LEAST, None),
    "skin_step": (None, SKIN_STEP_MOST),
    "old_neckband": (None, OLD_NECKBAND_MOST),
    "old_straps_left": (None, OLD_STRAPS_MOST),
    "old_line_on_chest": (None, OLD_LINE_MOST),
    "limb_taper": (None, TAPER_MOST),
    "shoulder_rise": (None, SHOULDER_RISE_MOST),
    "garment_crumbs": (None, GARMENT_CRUMBS_MOST),
    "neck_holes": (None, NECK_HOLES_MOST),
    "enclosed_backdrop": (None, ENCLOSED_BACKDROP_MOST),
    "forearm_taper": (None, FOREARM_TAPER_MOST),
    "upper_arm_over_hand": (None, UPPER_OVER_HAND_MOST),
    "arm_round": (ARM_ROUND_LEAST, None),
    "calf_swell": (CALF_SWELL_LEAST, None),
    "upper_arm_reach": (None, ARM_REACH_MOST),
    "arm_hem_step": (None, ARM_HEM_STEP_MOST),
    "wrist_tone": (None, WRIST_APART),
    "arm_pale": (None, ARM_PALE_MOST),
    "upper_arm_pale": (None, UPPER_ARM_PALE_MOST),
    "wrist_band": (None, CUFF_APART),
    "leg_tone_step": (-LEG_DARKER_MOST, LEG_LIGHTER_MOST),
    "leg_side_shade": (LEG_SIDE_LEAST, None),
    "leg_detail": (SKIN_DETAIL_RATIO, None),
    "legs_smooth": (LEGS_DETAIL_LEAST, None),
    "sleeve_coverage": (0.6, None),
    "sleeve_past_wrist": (None, PAST_WRIST_MOST),
    "seam_gap": (None, SEAM_GAP_MOST),
    "side_notch": (None, SIDE_NOTCH_MOST),
    "arm_side_pale": (None, ARM_SIDE_PALE_MOST),
    "side_ragged": (None, SIDE_RAGGED_MOST),
    "armpit_hole": (None, ARMPIT_HOLE_MOST),
    "asymmetry": (None, 0.3),
    "old_colour_left": (None, 0.05),
    "old_outline": (None, OUTLINE_SHARE),
    "old_rim": (None, OLD_RIM_MOST),
    "edge_halo": (None, HALO_SHARE),
    "edge_cut": (None, EDGE_CUT_MOST),
    "edge_fringe": (None, FRINGE_SHARE),
    "outline_specks": (None, OUTLINE_SPECKS_MOST),
    "old_colour_bare": (None, OLD_BARE_SHARE),
    "old_sliver": (None, SLIVER_SHARE),
    "arm_rim": (None, ARM_RIM_MOST),
    "arm_rim_kept": (None, ARM_RIM_KEPT_MOST),
    "bottom_old_beside": (None, BOTTOM_OLD_BESIDE),
    "bottom_old_at_hips": (None, BOTTOM_OLD_AT_HIPS),
    "bottom_rim_left": (None, BOTTOM_RIM_LEFT),
    "old_thighs_beside": (None, OLD_THIGHS_BESIDE),
    "part_unnamed": (1.0, None),
    "bottom_short": (None, BOTTOM_SHORT_MOST),
    "bottom_to_edge": (None, BOTTOM_TO_EDGE_MOST),
    "hem_past_ankles": (None, HEM_PAST_ANKLES_MOST),
    "hem_above_shoes": (HEM_ABOVE_SHOES_LEAST, None),
    "inseam_left": (None, INSEAM_LEFT),
    "crotch_wedge": (None, CROTCH_WEDGE_MOST),
    "legs_one_column": (None, LEGS_ONE_COLUMN_MOST),
    "skin_toned_left": (None, SKIN_TONED_LEFT_MOST),
    "below_hem": (None, BELOW_HEM_SHARE),
    "bottom_streaks": (BOTTOM_STREAKS_LEAST, None),
    "coat_skirt_left": (None, COAT_SKIRT_LEFT_MOST),
    "dress_legs_left": (None, DRESS_LEGS_LEFT_MOST),
    "bare_legs_changed": (None, BARE_LEGS_CHANGED_MOST),
    "bottom_redrawn": (None, BOTTOM_REDRAWN_MOST),
    "bottom_sides_redrawn": (None, BOTTOM_SIDES_REDRAWN_MOST),
    "bottom_print_redrawn": (None, BOTTOM_PRINT_REDRAWN_MOST),
    "leg_step": (None, LEG_STEP_MOST),
    "print_left": (None, PRINT_LEFT_MOST),
    "old_print_by_hand": (None, HAND_PRINT_MOST),
    "coat_panel_left": (None, COAT_PANEL_LEFT_MOST),
    "old_hem_left": (None, OLD_HEM_LEFT_MOST),
    "outer_coat_cut": (None, OUTER_COAT_CUT_MOST),
    "face_overlap": (None, 0.02),
    "neck_band": (None, NECK_BAND_SHARE),
    "neck_label": (None, NECK_LABEL_SHARE),
    "neckline_specks": (None, NECKLINE_SPECKS_MOST),
    "collar_left": (None, COLLAR_LEFT_MOST),
    "jaw_hair_cut": (None, JAW_HAIR_CUT_MOST),
    "neck_cut": (None, NECK_CUT_MOST),
    "shoulder_wedge": (None, SHOULDER_WEDGE_MOST),
    "hood_left": (None, HOOD_LEFT_MOST),
    "hand_changed": (None, 0.15),
    "arm_changed": (None, 0.15),
    "arm_cut": (None, ARM_CUT_MOST),
    "held_lost": (None, HELD_LOST_MOST),
    "raised_arm_changed": (None, RAISED_ARM_MOST),
    "sleeve_changed": (None, SLEEVE_CHANGED),
    "arm_beside_changed": (None, ARM_BESIDE_CHANGED),
    "top_hem_changed": (None, TOP_HEM_CHANGED),
    "top_hem_gap": (None, TOP_HEM_GAP),
    "waistband_flecks": (None, WAISTBAND_FLECKS_MOST),
    "waistband_kept": (None, WAISTBAND_KEPT_MOST),
    "arm_ghost": (None, ARM_GHOST),
    "arm_taken": (None, ARM_TAKEN),
    "knit_kept": (None, KNIT_KEPT),
    "hand_outline": (None, 0.25),
    "pocket_hole": (None, POCKET_HOLE_MOST),
    "cloth_by_hand": (None, CLOTH_BY_HAND_MOST),
    "shoulder_overhang": (None, SHOULDER_OVERHANG),
    "shoulder_wing": (None, SHOULDER_WING),
    "shoulder_bare": (None, BARE_SHOULDER_MOST),
    "shoulder_shelf": (None, SHELF_MOST),
    "shoulder_lumps": (None, SHOULDER_LUMPS),
    "shoulder_outline_rough": (None, SHOULDER_ROUGH_MOST),
    "shoulder_notch": (None, SHOULDER_NOTCH_MOST),
    "strap_out": (None, STRAP_OUT_MOST),
    "width_ratio": (0.7, 1.35),
    "old_shoe_left": (None, 0.08),
    "item_left_out": (None, ITEM_LEFT_OUT),
    "item_strands": (None, STRAND_REACH_MOST),
    "garment_left_out": (None, GARMENT_LEFT_OUT),
    "garment_backdrop_kept": (None, GARMENT_BACKDROP_KEPT),
    "collar_gap": (None, COLLAR_GAP_MOST),
    "sole_fall": (SOLE_FALL_LEAST, None),
    "shoes_merged": (None, SHOES_MERGED_MOST),
    "feet_unshod": (None, FEET_UNSHOD_MOST),
    "shoe_pitch": (None, SHOE_PITCH_MOST),
    "shaft_left": (None, SHAFT_LEFT_MOST),
    "shoe_above_sole": (None, SHOE_ABOVE_SOLE_MOST),
    "floor_halo": (None, FLOOR_HALO_MOST),
    "floor_smear": (None, FLOOR_SMEAR_MOST),
    "hem_cut": (None, HEM_CUT_MOST),
    "ear_distance": (None, EAR_REACH),
    "worn_jewellery_left": (None, WORN_LEFT_MOST),
    "earring_aslant": (None, EARRING_ASLANT_MOST),
    "necklace_narrow": (NECKLACE_LEAST_WIDTH, None),
    "necklace_cut": (None, NECKLACE_CUT_MOST),
    "necklace_across_layers": (None, NECKLACE_ACROSS_MOST),
    "hat_band_height": (None, HAT_BAND_HIGHEST),
    "hat_gap": (None, HAT_GAP_MOST),
    "hat_cut": (None, HAT_CUT_MOST),
    "old_hat_left": (None, OLD_HAT_LEFT_MOST),
    "hat_band_dip": (HAT_DIP_LEAST, None),
    "hat_band_tilt": (None, HAT_TILT_MOST),
    "backpack_in_front": (None, BACKPACK_IN_FRONT_MOST),
    "backpack_detached": (None, BACKPACK_DETACHED_MOST),
    "bag_support": (None, BAG_SUPPORT_REACH),
    "glasses_off_eyes": (None, GLASSES_OFF_EYES),
    "bag_split": (None, BAG_SPLIT_MOST),
    "bag_on_belly": (None, BAG_ON_BELLY_MOST),
    "bag_knee_drop": (BAG_KNEE_DROP_LEAST, None),
    "bag_torso_faces": (BAG_TORSO_FACES_LEAST, None),
    "backpack_strap_bend": (STRAP_BEND_LEAST, None),
    "backpack_strap_light": (None, STRAP_LIGHT_MOST),
    "backpack_strap_on_arm": (None, STRAP_ON_ARM_MOST),
    "lens_lines": (None, LENS_LINES_MOST),
    "old_frame_left": (None, OLD_FRAME_LEFT_MOST),
    "watch_off_skin": (None, WATCH_OFF_SKIN),
    "watch_width": (None, WATCH_WIDTH_MOST),
    "watch_strap_block": (None, WATCH_STRAP_BLOCK),
    "watch_strap_flat": (WATCH_STRAP_FLAT, None),
    "watch_over_cuff": (None, WATCH_OVER_CUFF),
    "watch_off_person": (None, WATCH_OFF_PERSON),
    "watch_blob": (WATCH_BLOB_LEAST, None),
    "bracelet_off_skin": (None, WATCH_OFF_SKIN),
    "bracelet_past_wrist": (None, BRACELET_PAST_WRIST_MOST),
    "waist_smear": (WAIST_SMEAR_RATIO, None),
    "waist_detail_lost": (WAIST_DETAIL_KEPT, None),
    "waistband_blur": (None, WAISTBAND_BLUR_MOST),
    "midriff_width": (None, MIDRIFF_WIDE),
    "waist_redrawn": (None, WAIST_REDRAWN_MOST),
    "waist_mosaic": (None, WAIST_MOSAIC_MOST),
    "pose_dynamic": (None, 1.0),
    "backdrop_smear": (None, BACKDROP_SMEAR_MOST),
    "loose_fill": (None, LOOSE_FILL_MOST),
    "bottom_fill": (None, BOTTOM_FILL_MOST),
    "hip_fill": (None, HIP_FILL_MOST),
    "backdrop_seam": (None, BACKDROP_SEAM_MOST),
    "legs_changed": (None, LEGS_CHANGED_MOST),
    "feet_changed": (None, FEET_CHANGED_MOST),
    "trousers_left": (None, TROUSERS_LEFT_MOST),
    "bodice_width": (BODICE_WIDTH_LEAST, None),
    "skirt_width": (SKIRT_WIDTH_LEAST, None),
    "waist_pinch": (None, WAIST_PINCH_MOST),
    "hair_cut": (None, HAIR_CUT_MOST),
    "fair_hair_cut": (None, FAIR_HAIR_CUT_MOST),
    "head_side_changed": (None, HEAD_SIDE_CHANGED_MOST),
    "neck_patch": (None, NECK_PATCH_MOST),
    "hem_ragged": (None, HEM_RAGGED_MOST),
    "hem_blur": (None, HEM_BLUR_MOST),
    "neckline_ragged": (None, NECKLINE_RAGGED_MOST),
    "neckline_blur": (None, NECKLINE_BLUR_MOST),
    "arm_edge_steps": (None, ARM_EDGE_STEPS_MOST),
    "skin_dark_marks": (None, DARK_MARKS_MOST),
    "outline_blur": (None, OUTLINE_BLUR_MOST),
    "rim_flat": (RIM_FLAT_LEAST, None),
    "rim_mottle": (None, RIM_MOTTLE_MOST),
    "old_folds": (None, OLD_FOLDS_MOST),
}
#: Two renders' pixels whose largest channel differs by more than this (0..255) differ:
#: above JPEG's noise and the soft edge's blending, below any garment drawn over skin.
CHANGED_STEP = 40
#: Fewer hand pixels than this and the hand checks do not apply.
MIN_HAND_PIXELS = 50
#: How far round a kept hand (pixels) the old garment must have given way to the new one.
HAND_RIM = 2
#: MediaPipe pose indices of each foot: (ankle, heel, toe).
FEET = ((27, 29, 31), (28, 30, 32))
#: Fewer pixels than this of rebuilt or reference skin and the skin checks do not apply.
MIN_SKIN_PIXELS = 150


def faults(values: dict[str, float | None]) -> list[str]:
    """The checks whose value lies outside its limits (a check that did not apply is None)."""
    found = []
    for name, value in values.items():
        if value is None or name not in LIMITS:
            continue
        low, high = LIMITS[name]
        if (low is not None and value < low) or (high is not None and value > high):
            found.append(name)
    return found


def _luminance(image: NDArray[np.uint8]) -> NDArray[np.float32]:
    return cv2.cvtColor(image, cv2.COLOR_RGB2GRAY).astype(np.float32)


def _inner(mask: Mask, margin: int) -> NDArray[np.bool_]:
    """The mask less a `margin`-pixel rim: edges are outlines, not texture or shading."""
    kernel = np.ones((2 * margin + 1, 2 * margin + 1), np.uint8)
    return cv2.erode((np.asarray(mask) > 0).astype(np.uint8), kernel) > 0


def _robust_spread(values: NDArray[np.float32]) -> float:
    """Standard deviation estimated from the median absolute deviation: eyes, brows and
    hair edges inside a skin mask do not count as texture."""
    return float(1.4826 * np.median(np.abs(values - np.median(values))))


def texture_level(image: NDArray[np.uint8], mask: Mask, sigma: float = 1.5) -> float | None:
    """The fine grain of luminance inside `mask`, relative to its brightness."""
    inner = _inner(mask, 3)
    if np.count_nonzero(inner) < MIN_SKIN_PIXELS:
        return None
    lum = _luminance(image)
    residual = lum - cv2.GaussianBlur(lum, (0, 0), sigma)
    return _robust_spread(residual[inner]) / max(float(np.median(lum[inner])), 1.0)


def shading_level(image: NDArray[np.uint8], mask: Mask, sigma: float = 3.0) -> float | None:
    """The spread of broad light and shade inside `mask` (the 5th to 95th percentile of
    smoothed luminance), relative to its brightness."""
    inner = _inner(mask, 3)
    if np.count_nonzero(inner) < MIN_SKIN_PIXELS:
        return None
    smooth = cv2.GaussianBlur(_luminance(image), (0, 0), sigma)[inner]
    low, high = np.percentile(smooth, (5, 95))
    return float(high - low) / max(float(np.median(smooth)), 1.0)


def skin_texture(image: NDArray[np.uint8], rebuilt: Mask, reference: Mask) -> float | None:
    """Fine texture of the rebuilt skin over that of the person's own skin (1: alike,
    0: flat as plastic); None when either shows too little."""
    made, own = texture_level(image, rebuilt), texture_level(image, reference)
    if made is None or own is None:
        return None
    return made / max(own, 1e-3)


def cheeks(points: NDArray[np.floating[Any]], visibility: NDArray[np.floating[Any]], shape: tuple[int, ...]) -> Mask:
    """The two cheeks, from pose landmarks 0-10 (MediaPipe's order): a disc on each, a
    fifth of the eyes' span across, between its eye and the mouth. Skin that surely is
    skin (a neck or an arm may be a skin-coloured knit). None seen: empty."""
    h, w = shape[:2]
    out = np.zeros((h, w), np.uint8)
    if min(visibility[0], visibility[2], visibility[5], visibility[9], visibility[10]) < 0.5:
        return out > 0
    left, right = np.asarray(points[2], np.float64), np.asarray(points[5], np.float64)
    eyes, mouth = (left + right) / 2, (np.asarray(points[9]) + np.asarray(points[10])) / 2
    radius = max(2, int(np.hypot(*(left - right)) * 0.2))
    for eye in (left, right):
        x, y = eye * 0.6 + mouth * 0.4 + (eye - eyes) * 0.2
        cv2.circle(out, (int(x), int(y)), radius, (255,), -1)
    return out > 0


def skin_grain(image: NDArray[np.uint8], rebuilt: Mask, own: NDArray[np.uint8], cheek: Mask) -> float | None:
    """The fine grain of the rebuilt skin (`texture_level`) over that of the person's own
    cheeks in the photo (`own`, `cheek`), or of smooth skin (`SKIN_GRAIN_FLOOR`) where
    that is more or no cheek is seen. `skin_texture` compares it with all that passes
    for the person's skin, and where a sleeve's knit or plaid passes, a rebuilt arm
    stippled with that weave scores alike. None when too little skin is rebuilt."""
    made = texture_level(image, rebuilt)
    if made is None:
        return None
    seen = np.asarray(cheek, bool)
    reference = SKIN_GRAIN_FLOOR
    if np.count_nonzero(seen) >= MIN_CHEEK_PIXELS:
        lum = _luminance(own)
        residual = lum - cv2.GaussianBlur(lum, (0, 0), 1.5)
        level = max(float(np.median(lum[seen])), 1.0)
        reference = max(reference, _robust_spread(residual[seen]) / level)
    return made / reference


def skin_shading(image: NDArray[np.uint8], rebuilt: Mask, reference: Mask) -> float | None:
    """Broad shading across the rebuilt skin over that across the person's own skin."""
    made, own = shading_level(image, rebuilt), shading_level(image, reference)
    if made is None or own is None:
        return None
    return made / max(own, 1e-3)


def detail_level(image: NDArray[np.uint8], mask: Mask) -> float | None:
    """The spread of luminance detail inside `mask` in the `SKIN_DETAIL_BAND` (its blur at
    the finer sigma less that at the coarser), relative to its brightness."""
    fine, coarse = SKIN_DETAIL_BAND
    inner = _inner(mask, int(2 * coarse))
    if np.count_nonzero(inner) < MIN_SKIN_PIXELS:
        return None
    lum = _luminance(image)
    band = cv2.GaussianBlur(lum, (0, 0), fine) - cv2.GaussianBlur(lum, (0, 0), coarse)
    return _robust_spread(band[inner]) / max(float(np.median(lum[inner])), 1.0)


def skin_detail(image: NDArray[np.uint8], rebuilt: Mask, reference: Mask) -> float | None:
    """Detail between grain and shading in the rebuilt skin over that in the person's own
    skin (1: alike, near 0: a smooth fill with only fine noise on it); None when either
    shows too little."""
    made, own = detail_level(image, rebuilt), detail_level(image, reference)
    if made is None or own is None:
        return None
    return made / max(own, 1e-4)


def chest_texture(image: NDArray[np.uint8], rebuilt: Mask, chest: Mask) -> float | None:
    """The fine texture of the rebuilt skin off the forearms (`chest`: the trunk,
    shoulders and upper arms) over a real bare chest's most (`CHEST_TEXTURE_MOST`):
    above 1 it is hairier or more speckled than any real chest, below
    `CHEST_TEXTURE_LEAST` a flat fill. `skin_texture` and `skin_detail` compare with the
    person's own visible skin, mostly forearms, which may be hairy: they read the
    rebuilt forearms only. None when too little there is rebuilt."""
    inner = _inner(np.asarray(rebuilt, bool) & np.asarray(chest, bool), int(2 * CHEST_TEXTURE_SIGMA))
    if np.count_nonzero(inner) < MIN_SKIN_PIXELS:
        return None
    lum = _luminance(image)
    fine = lum - cv2.GaussianBlur(lum, (0, 0), CHEST_TEXTURE_SIGMA)
    level = _robust_spread(fine[inner]) / max(float(np.median(lum[inner])), 1.0)
    return level / CHEST_TEXTURE_MOST


def skin_edge(
    image: NDArray[np.uint8], skin: NDArray[np.floating[Any]], backdrop: Mask, shoulder_width: float
) -> float | None:
    """How wide the rebuilt skin's edge is where it meets the backdrop, in shoulder widths:
    the pixels near both whose colour lies between the skin's and the backdrop's round
    them (a blend of the two: a haze), over the length of the skin's outline there.
    `skin`: how much of each pixel is rebuilt skin; `backdrop`: the clear backdrop in the
    render. None when too little of that outline lies beside the backdrop."""
    solid = (np.asarray(skin) > 0.9).astype(np.uint8)
    clear = np.asarray(backdrop, bool) & (np.asarray(skin) <= 0.05)
    reach = 2 * max(1, int(shoulder_width * SKIN_EDGE_REACH)) + 1
    kernel = np.ones((reach, reach), np.uint8)
    near = (cv2.dilate(solid, kernel) > 0) & (cv2.dilate(clear.astype(np.uint8), kernel) > 0)
    outline = (solid > 0) & (cv2.erode(solid, np.ones((3, 3), np.uint8)) == 0) & near
    if np.count_nonzero(outline) < max(MIN_SKIN_EDGE, SKIN_EDGE_LENGTH * shoulder_width):
        return None
    lab = np.asarray(cv2.cvtColor(image.astype(np.float32) / 255, cv2.COLOR_RGB2LAB), np.float32)
    # Each side's colour from well inside it, so the edge's own blend does not count.
    inner = cv2.erode(solid, np.ones((5, 5), np.uint8)) > 0
    outer = cv2.erode(clear.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    sigma = max(2.0, shoulder_width * SKIN_EDGE_REACH)
    own = np.dstack([_local_mean(lab[:, :, c], inner, sigma) for c in range(3)])
    back = np.dstack([_local_mean(lab[:, :, c], outer, sigma) for c in range(3)])
    span = own - back
    length = np.einsum("yxc,yxc->yx", span, span)
    towards = np.einsum("yxc,yxc->yx", lab - back, span) / np.maximum(length, 1e-6)
    low, high = SKIN_EDGE_BETWEEN
    between = near & (towards > low) & (towards < high) & (length > SKIN_EDGE_CONTRAST**2)
    return np.count_nonzero(between) / np.count_nonzero(outline) / max(shoulder_width, 1.0)


def _edge_width(
    lightness: NDArray[np.float32],
    solid: NDArray[np.bool_],
    clear: NDArray[np.bool_],
    other: NDArray[np.bool_],
    shoulder_width: float,
) -> tuple[float, int]:
    """How wide (pixels) `solid`'s edge against the `clear` backdrop is, and how long
    that outline is (pixels): at each of its pixels nearer `solid` than the `other` skin,
    the step in lightness from the backdrop round it to the skin round it over the
    steepest slope within `SKIN_EDGE_OWN_SLOPE` of it; the median of those."""
    reach = 2 * max(1, int(shoulder_width * SKIN_EDGE_REACH)) + 1
    kernel = np.ones((reach, reach), np.uint8)
    body = solid.astype(np.uint8)
    near = (cv2.dilate(body, kernel) > 0) & (cv2.dilate(clear.astype(np.uint8), kernel) > 0)
    near &= cv2.distanceTransform(1 - body, cv2.DIST_L2, 3) < cv2.distanceTransform(
        (~other).astype(np.uint8), cv2.DIST_L2, 3
    )
    outline = solid & (cv2.erode(body, np.ones((3, 3), np.uint8)) == 0) & near
    if not outline.any():
        return 0.0, 0
    sigma = max(2.0, shoulder_width * SKIN_EDGE_REACH / 2)
    outer = cv2.erode(clear.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    around = np.ones((2 * max(1, int(shoulder_width * SKIN_EDGE_OWN_SLOPE)) + 1,) * 2, np.uint8)
    # The step to the skin's furthest from the backdrop nearby: a skin's rim turning
    # away from the light is darker than its middle, and is the edge's far side.
    step = cv2.dilate(np.abs(lightness - _local_mean(lightness, outer, sigma)), around)
    slope = np.hypot(cv2.Sobel(lightness, cv2.CV_32F, 1, 0), cv2.Sobel(lightness, cv2.CV_32F, 0, 1)) / 8
    steepest = cv2.dilate(slope, around)
    read = outline & (step > SKIN_EDGE_OWN_STEP)
    if not read.any():
        return 0.0, 0
    return float(np.median(step[read] / np.maximum(steepest[read], 1e-3))), int(np.count_nonzero(read))


def skin_edge_own(
    image: NDArray[np.uint8], skin: NDArray[np.floating[Any]], own: Mask, backdrop: Mask, shoulder_width: float
) -> float | None:
    """How many times as wide the rebuilt skin's edge against the backdrop is as the
    person's `own` skin's (as shot) against it, each read as its step in lightness over
    its steepest slope (`_edge_width`). `skin`: how much of each pixel is rebuilt skin;
    `backdrop`: the clear backdrop in the render. A bared shoulder's top faded out over
    the backdrop reads several times the arms' crisp own outline. None when either
    outline is too short to read."""
    share = np.asarray(skin, np.float32)
    rebuilt = share > 0.9
    kept = np.asarray(own, bool) & (share <= 0.05)
    clear = np.asarray(backdrop, bool) & (share <= 0.05) & ~kept
    lightness = np.asarray(cv2.cvtColor(image.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)[:, :, 0], np.float32)
    made, made_length = _edge_width(lightness, rebuilt, clear, kept, shoulder_width)
    shot, shot_length = _edge_width(lightness, kept, clear, rebuilt, shoulder_width)
    least = max(MIN_SKIN_EDGE, SKIN_EDGE_LENGTH * shoulder_width)
    if made_length < least or shot_length < least:
        return None
    return made / max(shot, SKIN_EDGE_OWN_LEAST)


def skin_seam(image: NDArray[np.uint8], rebuilt: Mask, own: Mask, shoulder_width: float) -> float | None:
    """The step in lightness (Lab L) from the person's `own` skin to the `rebuilt` skin
    where they meet: along the seam, each side's mean lightness in a band beside it,
    compared round each rebuilt pixel of its band and averaged. A rebuilt chest a shade
    off the kept chest inside an old V neckline keeps that V as a line. None when the two
    meet over too short a seam."""
    made = np.asarray(rebuilt, bool)
    kept = np.asarray(own, bool) & ~made
    size = 2 * max(1, int(shoulder_width * SKIN_SEAM_BAND)) + 1
    # Across the rim between them (the old garment's soft edge, refilled, neither kept
    # nor wholly rebuilt): read only where the two touched, the seam under an old crew
    # neck was too short to read and its step went unreported.
    reach = size + 2 * int(shoulder_width * SKIN_SEAM_RIM)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (reach, reach))
    made_band = made & (cv2.dilate(kept.astype(np.uint8), kernel) > 0)
    kept_band = kept & (cv2.dilate(made.astype(np.uint8), kernel) > 0)
    if np.count_nonzero(made_band) < max(MIN_SKIN_SEAM, SKIN_SEAM_LENGTH * shoulder_width * size):
        return None
    if not kept_band.any():
        return None
    lum = np.asarray(cv2.cvtColor(image.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)[:, :, 0], np.float32)
    sigma = max(2.0, shoulder_width * SKIN_SEAM_SPREAD)
    inside = _local_mean(lum, made_band, sigma)
    beside = _local_mean(lum, kept_band, sigma)
    # Only where both sides are near: a pixel far along the seam from any kept skin has
    # no step to read.
    weight = cv2.GaussianBlur(kept_band.astype(np.float32), (0, 0), sigma)
    near = made_band & (weight > 0.05)
    if not near.any():
        return None
    return float(np.mean(np.abs(inside - beside)[near]))


def _range(values: list[float]) -> float:
    """The spread of `values` from their 5th to 95th percentile."""
    low, high = np.percentile(values, (5, 95))
    return float(high - low)


def chest_flat(image: NDArray[np.uint8], rebuilt: Mask, own: Mask, neck: Point, shoulder_width: float) -> float | None:
    """How much the rebuilt upper chest's lightness varies down the body's middle (its
    rows' medians, 5th to 95th percentile) over how much the person's own visible neck's
    varies across (its columns' medians): the neck's own shading is the photo's measure
    of how much a body's form shows in its light.

    A real upper chest shades down from the neck: the neck's base in the chin's shade,
    the notch, the collarbones, the upper chest turned up to the light. A chest rebuilt
    as one colour from the neck down has none of it: flat paint below a shaded neck.
    Medians across rows and down columns leave the grain and mottle out. None when too
    little of either shows (`neck`: the shoulders' midpoint)."""
    if shoulder_width <= 0:
        return None
    s = shoulder_width
    lab = cv2.cvtColor(image.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)
    lum = cv2.GaussianBlur(np.asarray(lab[:, :, 0], np.float32), (0, 0), max(1.0, shoulder_width * CHEST_FLAT_SMOOTH))
    h, w = lum.shape
    nx, ny = float(neck[0]), float(neck[1])
    cols = np.abs(np.arange(w) - nx)
    made = _inner(rebuilt, 2)
    top, bottom = int(max(0, ny - s * CHEST_FLAT_ROWS[0])), int(min(h, ny + s * CHEST_FLAT_ROWS[1]))
    least = max(3, int(s * 0.1))
    rows = [
        float(np.median(lum[y][made[y] & (cols < s * CHEST_FLAT_HALF)]))
        for y in range(top, bottom)
        if np.count_nonzero(made[y] & (cols < s * CHEST_FLAT_HALF)) >= least
    ]
    seen = _inner(np.asarray(own, bool) & ~np.asarray(rebuilt, bool), 2)
    top, bottom = int(max(0, ny - s * NECK_FLAT_ROWS[0])), int(max(0, ny - s * NECK_FLAT_ROWS[1]))
    band = np.zeros((h, w), bool)
    band[top:bottom] = True
    band &= seen & (cols < s * NECK_FLAT_HALF)[None, :]
    columns = [float(np.median(lum[:, x][band[:, x]])) for x in range(w) if np.count_nonzero(band[:, x]) >= 3]
    if len(rows) < max(5, int(s * 0.1)) or len(columns) < max(5, int(s * 0.1)):
        return None
    return _range(rows) / max(_range(columns), 1.0)


def chest_slab(image: NDArray[np.uint8], rebuilt: Mask, own: Mask, neck: Point, shoulder_width: float) -> float | None:
    """The fine texture (luminance less its blur at `CHEST_TEXTURE_SIGMA`, robust spread
    over its level) of the rebuilt upper chest over that of the person's own visible neck
    just above it, each read where `chest_flat` reads it.

    A bared chest rebuilt as one smooth fill below a neck with its own grain, pores and
    sheen reads as a slab of paint from the old neckline down, even where its tone and
    its shading down the body match: `chest_texture` holds the chest to a real chest's
    most, not to this person's skin. None when too little of either shows."""
    if shoulder_width <= 0:
        return None
    s = shoulder_width
    h, w = image.shape[:2]
    nx, ny = float(neck[0]), float(neck[1])
    cols = (np.abs(np.arange(w) - nx))[None, :]
    rows = np.arange(h)[:, None] - ny
    margin = int(2 * CHEST_TEXTURE_SIGMA)
    chest = (rows > -s * CHEST_FLAT_ROWS[0]) & (rows < s * CHEST_FLAT_ROWS[1]) & (cols < s * CHEST_FLAT_HALF)
    made = _inner(np.asarray(rebuilt, bool), margin) & chest
    throat = (rows > -s * NECK_FLAT_ROWS[0]) & (rows < -s * NECK_FLAT_ROWS[1]) & (cols < s * NECK_FLAT_HALF)
    seen = _inner(np.asarray(own, bool) & ~np.asarray(rebuilt, bool), margin) & throat
    if np.count_nonzero(made) < MIN_SKIN_PIXELS or np.count_nonzero(seen) < MIN_SKIN_PIXELS:
        return None
    lum = _luminance(image)
    fine = lum - cv2.GaussianBlur(lum, (0, 0), CHEST_TEXTURE_SIGMA)

    def level(where: NDArray[np.bool_]) -> float:
        return _robust_spread(fine[where]) / max(float(np.median(lum[where])), 1.0)

    return level(made) / max(level(seen), 1e-4)


def chest_tone(image: NDArray[np.uint8], rebuilt: Mask, own: Mask, neck: Point, shoulder_width: float) -> float | None:
    """ΔE (CIE76) between the middle colour of the rebuilt upper chest and that of the
    person's `own` neck as shot just above it, both within `CHEST_TONE_HALF` of the
    midline (`neck`: the shoulders' midpoint): per column, the rebuilt skin's top is
    the old neckline. `skin_tone` reads the rebuilt skin against the skin nearest it,
    mostly kept arms: a chest paler than the neck right above it counts there only as
    far as the arms are darker. None where no rebuilt chest meets the neck or either
    shows too little."""
    if shoulder_width <= 0:
        return None
    s = shoulder_width
    made = np.asarray(rebuilt, bool)
    h, w = made.shape
    nx, ny = float(neck[0]), float(neck[1])
    x0, x1 = max(0, int(nx - s * CHEST_TONE_HALF)), min(w, int(nx + s * CHEST_TONE_HALF) + 1)
    y0 = max(0, int(ny - s * CHEST_TONE_HIGHEST))
    if x1 - x0 < 3 or y0 >= h:
        return None
    columns = made[y0:, x0:x1]
    found = columns.any(axis=0)
    tops = (y0 + np.argmax(columns, axis=0))[None, :]
    rows = np.arange(h)[:, None]
    above = np.zeros((h, w), bool)
    above[:, x0:x1] = (rows >= tops - s * CHEST_TONE_BAND) & (rows < tops) & found[None, :]
    below = np.zeros((h, w), bool)
    below[:, x0:x1] = (rows >= tops + s * CHEST_TONE_DOWN[0]) & (rows < tops + s * CHEST_TONE_DOWN[1]) & found[None, :]
    seen = _inner(np.asarray(own, bool) & ~made, 1) & above
    chest = _inner(made, 2) & below
    if np.count_nonzero(seen) < MIN_SKIN_PIXELS // 3 or np.count_nonzero(chest) < MIN_SKIN_PIXELS:
        return None

    def middle(where: NDArray[np.bool_]) -> NDArray[np.float32]:
        pixels = image[where].astype(np.float32)[:, None, :] / 255
        return np.asarray(np.median(cv2.cvtColor(pixels, cv2.COLOR_RGB2LAB)[:, 0, :], axis=0), np.float32)

    return float(np.linalg.norm(middle(chest) - middle(seen)))


def _chest_and_arms(
    rebuilt: Mask, own: Mask, arms: Sequence[Sequence[Point]], neck: Point, shoulder_width: float
) -> tuple[NDArray[np.bool_], NDArray[np.bool_]] | None:
    """The rebuilt upper chest (within `CHEST_DIM_HALF` of the midline, `CHEST_DIM_DOWN`
    below the shoulders' midpoint `neck`) and the person's `own` bare arms as shot (a band
    `CHEST_DIM_ARM` wide along the `arms`' bones), where `chest_dim` and `chest_spread`
    read them; None where too little of either shows."""
    if shoulder_width <= 0:
        return None
    s = shoulder_width
    made = _inner(rebuilt, 2)
    h, w = made.shape
    nx, ny = float(neck[0]), float(neck[1])
    cols = np.abs(np.arange(w) - nx)[None, :]
    rows = np.arange(h)[:, None] - ny
    chest = made & (cols < s * CHEST_DIM_HALF) & (rows >= 0) & (rows < s * CHEST_DIM_DOWN)
    bones = np.zeros((h, w), np.uint8)
    for arm in arms:
        for start, end in zip(arm[:-1], arm[1:], strict=False):
            ends = [tuple(int(v) for v in np.asarray(at, np.float64)) for at in (start, end)]
            cv2.line(bones, ends[0], ends[1], (1,), max(1, int(s * CHEST_DIM_ARM)))
    seen = _inner(np.asarray(own, bool) & ~np.asarray(rebuilt, bool), 1) & (bones > 0)
    if np.count_nonzero(chest) < MIN_SKIN_PIXELS or np.count_nonzero(seen) < MIN_SKIN_PIXELS:
        return None
    return chest, seen


def chest_dim(
    image: NDArray[np.uint8],
    rebuilt: Mask,
    own: Mask,
    arms: Sequence[Sequence[Point]],
    neck: Point,
    shoulder_width: float,
) -> float | None:
    """How much darker (CIE L) the rebuilt chest is than the person's `own` bare arms as
    shot (skin along the `arms`' bones: shoulder, elbow, wrist), each read at the
    `CHEST_DIM_LIT` quantile of its lightness (`neck`: the shoulders' midpoint). A chest
    lit by an old top's print or a black top's sheen read as light was a dull slab below
    the bright arms beside it, though its tone was theirs. None where too little of
    either shows."""
    read = _chest_and_arms(rebuilt, own, arms, neck, shoulder_width)
    if read is None:
        return None
    chest, seen = read
    lightness = np.asarray(cv2.cvtColor(image.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)[:, :, 0], np.float32)
    return float(np.quantile(lightness[seen], CHEST_DIM_LIT) - np.quantile(lightness[chest], CHEST_DIM_LIT))


def chest_spread(
    image: NDArray[np.uint8],
    rebuilt: Mask,
    own: Mask,
    arms: Sequence[Sequence[Point]],
    neck: Point,
    shoulder_width: float,
) -> float | None:
    """The rebuilt chest's spread of lightness over the person's `own` bare arms' as shot,
    each the 10th to 90th percentile of CIE L over its median, smoothed past the grain
    (`CHEST_FLAT_SMOOTH`), read where `chest_dim` reads them.

    A real chest under the photo's light varies as broadly as the arms beside it: its
    sides and the collarbones' shade darker, a highlight or a sheen where the light
    falls. One smooth fill reads as a slab of paint below lit skin, whatever its level
    (`chest_dim`) or its shading down the middle (`chest_flat`). None where too little of
    either shows."""
    read = _chest_and_arms(rebuilt, own, arms, neck, shoulder_width)
    if read is None:
        return None
    chest, seen = read
    lab = cv2.cvtColor(image.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)
    lum = cv2.GaussianBlur(np.asarray(lab[:, :, 0], np.float32), (0, 0), max(1.0, shoulder_width * CHEST_FLAT_SMOOTH))

    def spread(values: NDArray[Any]) -> float:
        low, mid, high = np.quantile(values, (0.1, 0.5, 0.9))
        return float((high - low) / max(float(mid), 1.0))

    return spread(lum[chest]) / max(spread(lum[seen]), 1e-3)


def _round_neck(shape: tuple[int, ...], neck: Point, radius: float) -> NDArray[np.bool_]:
    """The pixels within `radius` of `neck` (the shoulders' midpoint): where an old
    neckline's remains are looked for."""
    ys, xs = np.ogrid[: shape[0], : shape[1]]
    return np.asarray(np.hypot(xs - float(neck[0]), ys - float(neck[1])) < radius)


def old_neckband(
    image: NDArray[np.uint8],
    original: NDArray[np.uint8],
    rebuilt: Mask,
    plain: Mask,
    neck: Point,
    shoulder_width: float,
) -> float | None:
    """How long (shoulder widths) a line of the old neckline stays at the base of the
    neck: pixels round `neck` (the shoulders' midpoint) left as they were in `original`,
    that are not `plain` (the person's skin, hair, face and hands as the photo shows
    them), right beside the `rebuilt` skin: an old crew neck's rib or a collar kept with
    the neck above it, a band across the bared collarbones. Their count over the
    shoulder width. None when no skin is rebuilt near the neck."""
    made = np.asarray(rebuilt, bool)
    region = _round_neck(made.shape, neck, shoulder_width * OLD_NECKBAND_REACH)
    if np.count_nonzero(made & region) < MIN_SKIN_PIXELS or shoulder_width <= 0:
        return None
    size = 2 * max(1, int(shoulder_width * OLD_NECKBAND_NEAR)) + 1
    beside = cv2.dilate(made.astype(np.uint8), np.ones((size, size), np.uint8)) > 0
    same = cv2.absdiff(image, original).max(axis=2) <= UNCHANGED_BY
    left = region & beside & ~made & same & ~np.asarray(plain, bool)
    return float(np.count_nonzero(left) / shoulder_width)


def old_straps_left(
    image: NDArray[np.uint8],
    original: NDArray[np.uint8],
    old: Mask,
    plain: Mask,
    neck: Point,
    shoulders: Sequence[Point],
    shoulder_width: float,
) -> float | None:
    """How long (shoulder widths, as a 1-pixel line) the old top's straps stay on the
    shoulders: pixels within `OLD_STRAPS_REACH` of the line from `neck` (the shoulders'
    midpoint) to each shoulder joint, left as they were in `original`, not `plain` (the
    backdrop, skin, hair, the face, the hands, the new garment), and coloured like the
    old top (the middle colour of `original` under its mask, `old`): a cami's straps
    kept with the bare shoulder beside a new cami's. None when no old top is known."""
    worn = np.asarray(old) > 0.5
    if np.count_nonzero(worn) < MIN_SKIN_PIXELS or shoulder_width <= 0:
        return None
    weights = np.array([0.4, 1.0, 1.0], np.float32)
    lab = cv2.cvtColor(original.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)
    colour = np.median(lab[worn], axis=0)
    h, w = worn.shape
    region = np.zeros((h, w), np.uint8)
    reach = max(1, int(shoulder_width * OLD_STRAPS_REACH))
    for shoulder in shoulders:
        a, b = np.round(np.asarray(neck, float)).astype(int), np.round(np.asarray(shoulder, float)).astype(int)
        cv2.line(region, (int(a[0]), int(a[1])), (int(b[0]), int(b[1])), (1,), 2 * reach + 1)
    same = cv2.absdiff(image, original).max(axis=2) <= UNCHANGED_BY
    coloured = np.linalg.norm((lab - colour) * weights, axis=-1) < OLD_STRAPS_COLOUR
    left = (region > 0) & same & coloured & ~np.asarray(plain, bool)
    return float(np.count_nonzero(left) / shoulder_width)


def old_line_on_chest(
    image: NDArray[np.uint8],
    original: NDArray[np.uint8],
    old: Mask,
    rebuilt: Mask,
    kept: Mask,
    body: Mask,
    neck: Point,
    shoulder_width: float,
) -> float | None:
    """How long (shoulder widths, as a 1-pixel line) a line of the old top's colour stays
    on or beside the `rebuilt` chest: pixels round `neck` (the shoulders' midpoint) within
    `OLD_LINE_NEAR` of the rebuilt skin and as far inside the `body` (the backdrop at the
    shoulders' outline, as pale as a white tank, is no line of it), not `kept` (the new
    garment, the face, the hands, hair in front), whose colour in `image` is the old
    top's (the middle colour of `original` under its mask, `old`, round the neck: a dress
    replaces a skirt too) and not the rebuilt skin's. An old neckline's edge kept with
    the face above a lower new neckline reads as the old top at once, however thin. None
    when no old top or too little rebuilt skin near the neck is known."""
    worn = np.asarray(old) > 0.5
    made = np.asarray(rebuilt) > 0.5
    region = _round_neck(made.shape, neck, shoulder_width * OLD_LINE_REACH)
    skin = made & region
    if np.count_nonzero(worn) < MIN_SKIN_PIXELS or np.count_nonzero(skin) < MIN_SKIN_PIXELS or shoulder_width <= 0:
        return None
    top = worn & region if np.count_nonzero(worn & region) >= MIN_SKIN_PIXELS else worn
    weights = np.array([0.4, 1.0, 1.0], np.float32)
    shot = cv2.cvtColor(original.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)
    lab = cv2.cvtColor(image.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)
    colour = np.median(shot[top], axis=0)
    own = np.median(lab[skin], axis=0)
    size = 2 * max(1, int(shoulder_width * OLD_LINE_NEAR)) + 1
    square = np.ones((size, size), np.uint8)
    beside = cv2.dilate(made.astype(np.uint8), square) > 0
    beside &= cv2.erode(np.asarray(body, bool).astype(np.uint8), square, borderValue=(1,)) > 0
    to_old = np.linalg.norm((lab - colour) * weights, axis=-1)
    to_skin = np.linalg.norm((lab - own) * weights, axis=-1)
    line = region & beside & ~np.asarray(kept, bool) & (to_old < OLD_LINE_COLOUR) & (to_skin > OLD_LINE_OFF_SKIN)
    return float(np.count_nonzero(line & (to_old < to_skin)) / shoulder_width)


def skin_step(image: NDArray[np.uint8], rebuilt: Mask, shoulder_width: float) -> float | None:
    """How long (shoulder widths) the steps in lightness inside the `rebuilt` skin run:
    the pixels, off its outline, where the lightness (smoothed past the grain) differs by
    over `SKIN_STEP` L* across `SKIN_STEP_SPAN` shoulder widths, over that span's width.
    Rebuilt skin varies smoothly at that scale; a step there is a line the eye follows
    (a shading switched at one line, an old garment's outline kept). A limb darkening
    towards its outline near it (`SKIN_STEP_RIM`) is its round, not a step. None when
    too little skin is rebuilt."""
    span = max(1, int(round(shoulder_width * SKIN_STEP_SPAN / 2)))
    inner = _inner(rebuilt, 2 * span + 1)
    if np.count_nonzero(inner) < MIN_SKIN_PIXELS:
        return None
    lab = cv2.cvtColor(image.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)
    lum = cv2.GaussianBlur(np.asarray(lab[:, :, 0], np.float32), (0, 0), max(1.0, span / 2))
    across = np.zeros_like(lum)
    down = np.zeros_like(lum)
    across[:, span:-span] = lum[:, 2 * span :] - lum[:, : -2 * span]
    down[span:-span] = lum[2 * span :] - lum[: -2 * span]
    size = np.hypot(across, down)
    # The way in from the outline, and how far in: lightness rising that way near it is
    # the limb's turn.
    inward = cv2.GaussianBlur(
        cv2.distanceTransform((np.asarray(rebuilt) > 0).astype(np.uint8), cv2.DIST_L2, 5), (0, 0), max(1.0, span)
    )
    in_x = np.zeros_like(inward)
    in_y = np.zeros_like(inward)
    in_x[:, 1:-1] = inward[:, 2:] - inward[:, :-2]
    in_y[1:-1] = inward[2:] - inward[:-2]
    facing = (across * in_x + down * in_y) > np.cos(SKIN_STEP_TURN) * size * np.hypot(in_x, in_y)
    turning = facing & (inward < shoulder_width * SKIN_STEP_RIM)
    stepped = inner & (size > SKIN_STEP) & ~turning
    return float(np.count_nonzero(stepped)) / (2 * span + 1) / max(shoulder_width, 1.0)


def leg_step(
    rebuilt: Mask, own: Mask, bones: list[tuple[NDArray[np.floating[Any]], NDArray[np.floating[Any]]]], width: float
) -> float | None:
    """How far (shoulder widths, the worst leg) a rebuilt leg's middle steps sideways
    where it meets the person's own shin below an old hem: the middle of the leg's run
    (`rebuilt` or `own` skin, round each shin's bone from knee to ankle) `LEG_STEP_READ`
    above the lowest rebuilt row on the bone against as far below it. The pose's knee
    under a skirt lies off the visible shin, and a thigh rebuilt along it met the shin
    with a step. None where no rebuilt leg meets a shin shown below it."""
    rebuilt, own = np.asarray(rebuilt) > 0, np.asarray(own) > 0
    h, w = rebuilt.shape
    read = max(2, int(width * LEG_STEP_READ))
    reach = max(3, int(width * 0.25))
    steps: list[float] = []
    for knee, ankle in bones:
        rows = np.arange(int(max(0, knee[1])), int(min(h, ankle[1])))
        if len(rows) < 3 * read:
            continue
        share = (rows - float(knee[1])) / max(float(ankle[1] - knee[1]), 1.0)
        cols = (float(knee[0]) + share * float(ankle[0] - knee[0])).astype(int)
        lo, hi = np.clip(cols - reach, 0, w), np.clip(cols + reach, 0, w)
        made = [bool(rebuilt[y, a:b].any()) for y, a, b in zip(rows, lo, hi, strict=True)]
        if not any(made):
            continue
        last = int(np.flatnonzero(made)[-1])
        if last + read >= len(rows) or last < read:
            continue
        middles = []
        for k in (last - read, last + read):
            y, a, b = rows[k], lo[k], hi[k]
            run = np.flatnonzero(rebuilt[y, a:b] | own[y, a:b])
            if len(run) == 0:
                break
            middles.append(a + (run.min() + run.max()) / 2)
        if len(middles) == 2 and own[rows[last + read], lo[last + read] : hi[last + read]].any():
            steps.append(abs(middles[0] - middles[1]) / max(width, 1.0))
    return max(steps) if steps else None


def _outward_run(
    mask: NDArray[np.bool_], hidden: NDArray[np.bool_], centre: NDArray[np.float32], out: NDArray[np.float32], cap: int
) -> float | None:
    """How far `mask` runs on from `centre` along the unit vector `out`; None when
    `centre` is not in it or the run ends at `hidden` (the new garment over the arm: its
    edge, not the arm's), off the picture or past `cap`."""
    h, w = mask.shape
    xy = np.round(centre[None, :] + np.arange(0, cap + 1, dtype=np.float32)[:, None] * out[None, :]).astype(int)
    inside = (xy[:, 0] >= 0) & (xy[:, 0] < w) & (xy[:, 1] >= 0) & (xy[:, 1] < h)
    on = np.zeros(len(xy), bool)
    on[inside] = mask[xy[inside, 1], xy[inside, 0]]
    off = np.flatnonzero(~on)
    if not on[0] or not len(off) or not inside[off[0]] or hidden[xy[off[0], 1], xy[off[0], 0]]:
        return None
    return float(off[0])


def limb_taper(
    rebuilt: Mask, cover: NDArray[np.floating[Any]], arms: Sequence[Sequence[Point]], midline: Point
) -> float | None:
    """The largest ratio, over the upper arms (shoulder and elbow points), of the rebuilt
    skin's reach out from the bone, on the side away from the body's `midline` point,
    near the elbow over that near the shoulder (`TAPER_AT`): the outer contour, which
    the torso and the new garment do not hide. None when no upper arm is rebuilt out to
    its edge at both, clear of the new garment (`cover`: how much of each pixel it covers)."""
    mask = np.asarray(rebuilt, bool)
    hidden = np.asarray(cover) > 0.5
    centre = np.asarray(midline, np.float32)
    ratios = []
    for arm in arms:
        bone = _upper_arm_outward(arm, centre)
        if bone is None:
            continue
        shoulder, v, length, out = bone
        upper, lower = (_outward_run(mask, hidden, shoulder + v * t, out, int(length * 0.5)) for t in TAPER_AT)
        if upper is not None and lower is not None and upper >= 2:
            ratios.append(lower / upper)
    return max(ratios) if ratios else None


def _upper_arm_outward(
    arm: Sequence[Point], centre: NDArray[np.float32]
) -> tuple[NDArray[np.float32], NDArray[np.float32], float, NDArray[np.float32]] | None:
    """An upper arm's shoulder point, its bone (shoulder to elbow) and the bone's length,
    and the unit vector across it pointing away from the body's `centre`: the side of
    the arm's outer contour. None for a bone under 8 pixels."""
    shoulder, elbow = np.asarray(arm[0], np.float32), np.asarray(arm[1], np.float32)
    v = elbow - shoulder
    length = float(np.hypot(*v))
    if length < 8:
        return None
    out = np.array([-v[1], v[0]], np.float32) / length
    if float(out @ (shoulder - centre)) < 0:
        out = -out
    return shoulder, v, length, out


def upper_arm_reach(
    rebuilt: Mask,
    cover: NDArray[np.floating[Any]],
    arms: Sequence[Sequence[Point]],
    midline: Point,
    shoulder_width: float,
) -> float | None:
    """The largest, over the upper arms (shoulder and elbow points), of how far the
    rebuilt skin runs on out from the bone, on the side away from the body's `midline`
    point, below the armpit (the median over `ARM_REACH_AT`), in shoulder widths: the
    arm's outer contour, which neither the torso nor the new garment hides. A real arm
    is about as wide as its own forearm and shoulders make it; one rebuilt out to a
    loose old sleeve's outline is a fat tube. None where no upper arm is rebuilt out to
    its edge, clear of the new garment (`cover`), at two of those points."""
    mask = np.asarray(rebuilt, bool)
    hidden = np.asarray(cover) > 0.5
    centre = np.asarray(midline, np.float32)
    s = max(float(shoulder_width), 1.0)
    reaches = []
    for arm in arms:
        bone = _upper_arm_outward(arm, centre)
        if bone is None:
            continue
        shoulder, v, _, out = bone
        runs = [_outward_run(mask, hidden, shoulder + v * t, out, int(s)) for t in ARM_REACH_AT]
        found = [run for run in runs if run is not None]
        if len(found) >= 2:
            reaches.append(float(np.median(found)) / s)
    return max(reaches) if reaches else None


def arm_hem_step(
    rebuilt: Mask,
    kept: Mask,
    cover: NDArray[np.floating[Any]],
    arms: Sequence[Sequence[Point]],
    midline: Point,
    shoulder_width: float,
) -> float | None:
    """The largest, over the upper arms (shoulder and elbow points), of how far the arm's
    outer contour (away from the body's `midline` point) steps where the `rebuilt` skin
    ends on the bone and the person's own `kept` arm goes on below it (an old short
    sleeve's hem): its reach out from the bone over `HEM_STEP_ROWS` rows `HEM_STEP_GAP`
    pixels above that seam against as many below (medians), in shoulder widths. An upper
    arm bared from a tee's sleeve was rebuilt as wide as the sleeve, a slab standing out
    past the narrower own arm below the hem; a real arm goes on smoothly. None where no
    upper arm's bone runs from rebuilt skin into the kept arm, or either side's contour
    is hidden by the new garment (`cover`)."""
    mask = np.asarray(rebuilt, bool)
    arm_skin = mask | np.asarray(kept, bool)
    hidden = np.asarray(cover) > 0.5
    centre = np.asarray(midline, np.float32)
    s = max(float(shoulder_width), 1.0)
    h, w = mask.shape
    steps = []
    for arm in arms:
        bone = _upper_arm_outward(arm, centre)
        if bone is None:
            continue
        shoulder, v, length, out = bone
        shares = np.arange(0, length, dtype=np.float32) / np.float32(length)
        xy = np.round(shoulder[None, :] + shares[:, None] * v[None, :]).astype(int)
        inside = (xy[:, 0] >= 0) & (xy[:, 0] < w) & (xy[:, 1] >= 0) & (xy[:, 1] < h)
        on = np.zeros(len(xy), bool)
        own = np.zeros(len(xy), bool)
        on[inside] = mask[xy[inside, 1], xy[inside, 0]]
        own[inside] = np.asarray(kept, bool)[xy[inside, 1], xy[inside, 0]] & ~on[inside]
        # The seam: rebuilt skin on the bone, then (past a blended row or two) the kept arm
        # going on below it.
        seams = [
            k
            for k in range(HEM_STEP_GAP + HEM_STEP_ROWS, len(on) - HEM_STEP_GAP - HEM_STEP_ROWS)
            if on[k] and not on[k + 1] and own[k + 1 + HEM_STEP_GAP : k + 1 + HEM_STEP_GAP + HEM_STEP_ROWS].all()
        ]
        if not seams:
            continue
        seam = seams[0]
        sides = []
        for rows in (
            range(seam - HEM_STEP_GAP - HEM_STEP_ROWS + 1, seam - HEM_STEP_GAP + 1),
            range(seam + 1 + HEM_STEP_GAP, seam + 1 + HEM_STEP_GAP + HEM_STEP_ROWS),
        ):
            runs = [_outward_run(arm_skin, hidden, shoulder + v * shares[k], out, int(s)) for k in rows]
            found = [run for run in runs if run is not None]
            sides.append(float(np.median(found)) if found else None)
        if sides[0] is not None and sides[1] is not None:
            steps.append(abs(sides[0] - sides[1]) / s)
    return max(steps) if steps else None


#: A piece of the garment counts as a crumb from this size up (its area's square root, in
#: shoulder widths) ...
CRUMB_SIDE = 0.03
#: ... lying wholly above this far (shoulder widths) below the neck: on the shoulders,
#: where straps are, not a sleeve parted from the body by an arm held in front.
CRUMB_BELOW_NECK = 0.5


def garment_crumbs(cover: NDArray[np.floating[Any]], neck: Point, shoulder_width: float) -> float | None:
    """How many pieces of the new garment (`cover` over 0.5) other than its largest float
    apart on the shoulders: wholly above `CRUMB_BELOW_NECK` shoulder widths below `neck`
    and at least `CRUMB_SIDE` across.

    A strap read with bites out of it (a white ruffle on a white backdrop) was drawn on
    the wearer as its body's stub and frills floating beside the neck. None when no
    garment shows."""
    solid = (np.asarray(cover) > 0.5).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(solid, connectivity=8)
    if count <= 1 or shoulder_width <= 0:
        return None
    parts = stats[1:]
    rest = np.delete(parts, int(parts[:, cv2.CC_STAT_AREA].argmax()), axis=0)
    lowest = rest[:, cv2.CC_STAT_TOP] + rest[:, cv2.CC_STAT_HEIGHT]
    crumbs = (rest[:, cv2.CC_STAT_AREA] >= (CRUMB_SIDE * shoulder_width) ** 2) & (
        lowest <= float(neck[1]) + CRUMB_BELOW_NECK * shoulder_width
    )
    return float(np.count_nonzero(crumbs))


def neck_holes(cover: NDArray[np.floating[Any]], kept: Mask, neck: Point, shoulder_width: float) -> float | None:
    """The area of the holes in the new garment (`cover` over 0.5) round the `neck` (the
    shoulders' midpoint; the box `NECK_HOLE_*`), in hundredths of a square shoulder width:
    the bare pixels the garment encloses, less those `kept` (face, hands, hair in front).

    A top tied at the back of its neck (a bow over a keyhole) shows, through its front
    neckline, the ties and the backdrop between them: kept with the garment, the ties lay
    over the throat with the skin or the old garment in the holes between them. None when
    no garment reaches the box."""
    solid = (np.asarray(cover) > 0.5).astype(np.uint8)
    h, w = solid.shape
    if shoulder_width <= 0:
        return None
    x0, x1 = int(neck[0] - NECK_HOLE_SIDE * shoulder_width), int(neck[0] + NECK_HOLE_SIDE * shoulder_width) + 1
    y0, y1 = int(neck[1] - NECK_HOLE_ABOVE * shoulder_width), int(neck[1] + NECK_HOLE_BELOW * shoulder_width) + 1
    box = (slice(max(0, y0), max(0, min(h, y1))), slice(max(0, x0), max(0, min(w, x1))))
    if not solid[box].any():
        return None
    # Holes are what the garment's outer outline encloses that it leaves bare: filled on
    # the whole frame, as a neck opening cut by the box's edge is no hole.
    contours, _ = cv2.findContours(solid, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    filled = np.zeros_like(solid)
    cv2.drawContours(filled, contours, -1, (1,), -1)
    holes = (filled[box] > 0) & (solid[box] == 0) & ~np.asarray(kept, bool)[box]
    return 100.0 * float(np.count_nonzero(holes)) / (shoulder_width * shoulder_width)


def enclosed_backdrop(rgb: NDArray[np.uint8], alpha: NDArray[np.floating[Any]]) -> float | None:
    """The share of the garment (`alpha` over 0.5 in its product photo `rgb`) that is
    the photo's backdrop enclosed by thin garment (`ENCLOSED_*`).

    The white between a cami strap's two strands was cut out with the strap and worn as
    white slivers on the shoulders. None when the photo shows no backdrop at its border."""
    a = np.asarray(alpha, np.float32)
    solid = a > 0.5
    edge = np.zeros(a.shape, bool)
    edge[[0, -1], :] = edge[:, [0, -1]] = True
    border = rgb[edge & (a < 0.02)]
    rows = np.flatnonzero(solid.any(axis=1))
    if len(border) < 50 or not len(rows):
        return None
    lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB).astype(np.float32)
    backdrop = np.median(cv2.cvtColor(border[None], cv2.COLOR_RGB2LAB).astype(np.float32)[0], axis=0)
    height = float(rows[-1] - rows[0] + 1)
    apart = np.linalg.norm(lab - backdrop, axis=2)
    pale = (solid & (apart < ENCLOSED_COLOUR)).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(pale, connectivity=8)
    # Enclosed: the part and the pixels round it are all garment; near the outside.
    inner = cv2.erode(solid.astype(np.uint8), np.ones((3, 3), np.uint8))
    depth = cv2.distanceTransform(solid.astype(np.uint8), cv2.DIST_L2, 3)
    deep = max(1, round(ENCLOSED_RIM * height))
    ring = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * deep + 1, 2 * deep + 1))
    found = 0
    for i in range(1, count):
        part = labels == i
        if stats[i, cv2.CC_STAT_AREA] < ENCLOSED_AREA * height * height or not inner[part].all():
            continue
        if float(depth[part].min()) > ENCLOSED_REACH * height:
            continue
        rim = (cv2.dilate(part.view(np.uint8), ring) > 0) & ~part & (apart >= ENCLOSED_COLOUR)
        if not rim.any() or float(lab[rim].std(axis=0).mean()) >= ENCLOSED_STRAND:
            continue
        if float(np.median(apart[rim])) >= ENCLOSED_UNLIKE:
            found += int(stats[i, cv2.CC_STAT_AREA])
    return found / float(np.count_nonzero(solid))


def shoulder_rise(
    figure: Mask, rebuilt: Mask, arms: Sequence[Sequence[Point]], neck: Point, shoulder_width: float
) -> float | None:
    """How far (shoulder widths) the top of the `figure` (the render's silhouette) climbs
    going out along a bared shoulder, the most over the upper arms (shoulder and elbow
    points) that hang: read column by column across the line from `neck` (the shoulders'
    midpoint) through the joint, where the figure's top there is `rebuilt` skin.

    A shoulder's outline slopes down from the neck to the arm's top and on down its
    outside. Rebuilt from the old top's level outline and the arm's round cap, it was a
    shelf with a ball at its end, standing above it (or a notch between them): going out,
    the outline climbed again. None when no such shoulder shows."""
    fig, made = np.asarray(figure, bool), np.asarray(rebuilt, bool)
    h, w = fig.shape
    s = float(shoulder_width)
    centre = np.asarray(neck, np.float64)
    rises = []
    for arm in arms:
        joint, elbow = np.asarray(arm[0], np.float64), np.asarray(arm[1], np.float64)
        right = joint - centre
        half = float(np.hypot(*right))
        bone = elbow - joint
        if half < 4 or s <= 0:
            continue
        right /= half
        down = np.array([-right[1], right[0]])
        if float(down @ bone) < 0:
            down = -down
        if float(down @ bone) < RISE_HANGS * float(np.hypot(*bone)):
            continue
        outs = np.arange(RISE_FROM * s, half + RISE_PAST * s, 1.0)
        vs = np.arange(-RISE_UP * s, RISE_DOWN * s, 1.0)
        xy = np.round(centre + outs[:, None, None] * right + vs[None, :, None] * down).astype(int)
        inside = (xy[..., 0] >= 0) & (xy[..., 0] < w) & (xy[..., 1] >= 0) & (xy[..., 1] < h)
        x, y = np.clip(xy[..., 0], 0, w - 1), np.clip(xy[..., 1], 0, h - 1)
        on = fig[y, x] & inside
        first = np.argmax(on, axis=1)
        rows = np.arange(len(outs))
        valid = on.any(axis=1) & made[y[rows, first], x[rows, first]]
        tops = vs[first][valid]
        # A column's own dip (a strap's edge, a stray pixel) is no climb: the outline is
        # read through a running median.
        size = 2 * max(1, int(s * RISE_SMOOTH / 2)) + 1
        if len(tops) < size + 2:
            continue
        tops = np.median(np.lib.stride_tricks.sliding_window_view(tops, size), axis=1)
        lowest = np.maximum.accumulate(tops)
        rises.append(max(0.0, float(np.max(lowest[:-1] - tops[1:]))) / s)
    return max(rises) if rises else None


def _run_across(
    mask: NDArray[np.bool_], centre: NDArray[np.float32], across: NDArray[np.float32], cap: int
) -> float | None:
    """How wide `mask` is through `centre` along the unit vector `across`: its run both
    ways; None when `centre` is not in it or a side runs off the picture or past `cap`."""
    h, w = mask.shape
    cx, cy = int(round(float(centre[0]))), int(round(float(centre[1])))
    if not (0 <= cx < w and 0 <= cy < h and mask[cy, cx]):
        return None
    width = 0.0
    for side in (1.0, -1.0):
        steps = np.arange(1, cap + 1, dtype=np.float32)[:, None]
        xy = np.round(centre[None, :] + side * steps * across[None, :]).astype(int)
        inside = (xy[:, 0] >= 0) & (xy[:, 0] < w) & (xy[:, 1] >= 0) & (xy[:, 1] < h)
        on = np.zeros(len(xy), bool)
        on[inside] = mask[xy[inside, 1], xy[inside, 0]]
        off = np.flatnonzero(~on)
        if not len(off) or not inside[off[0]]:
            return None
        width += float(off[0])
    return width + 1


def forearm_taper(rebuilt: Mask, forearms: Sequence[Sequence[Point]]) -> float | None:
    """The largest ratio, over the forearms (elbow and wrist points), of the rebuilt
    skin's width across the bone near the wrist over that a third of the way down from
    the elbow (`FOREARM_TAPER_AT`): as a shopper sees it, whatever lies beside it. A
    real forearm swells below the elbow and narrows to the wrist; one rebuilt as a tube
    round the pose's bone, or cut square along an old sleeve's outline, does not. None
    when no forearm is rebuilt across at both (or it runs on into rebuilt skin beside)."""
    mask = np.asarray(rebuilt, bool)
    ratios = []
    for arm in forearms:
        elbow, wrist = np.asarray(arm[0], np.float32), np.asarray(arm[1], np.float32)
        v = wrist - elbow
        length = float(np.hypot(*v))
        if length < 8:
            continue
        across = np.array([-v[1], v[0]], np.float32) / length
        cap = int(length * FOREARM_ACROSS_MOST)
        upper, lower = (_run_across(mask, elbow + v * t, across, cap) for t in FOREARM_TAPER_AT)
        if upper is not None and lower is not None and upper >= 3:
            ratios.append(lower / upper)
    return max(ratios) if ratios else None


def _nearer_side(
    mask: NDArray[np.bool_], centre: NDArray[np.float32], across: NDArray[np.float32], cap: int
) -> float | None:
    """How far `mask` runs on from `centre` along the unit vector `across` or against it,
    whichever side ends sooner within `cap` pixels (the other may run on into the torso
    beside the arm); None when `centre` is not in it or neither side ends."""
    h, w = mask.shape
    cx, cy = int(round(float(centre[0]))), int(round(float(centre[1])))
    if not (0 <= cx < w and 0 <= cy < h and mask[cy, cx]):
        return None
    ends = []
    steps = np.arange(1, cap + 1, dtype=np.float32)[:, None]
    for side in (1.0, -1.0):
        xy = np.round(centre[None, :] + side * steps * across[None, :]).astype(int)
        inside = (xy[:, 0] >= 0) & (xy[:, 0] < w) & (xy[:, 1] >= 0) & (xy[:, 1] < h)
        on = np.zeros(len(xy), bool)
        on[inside] = mask[xy[inside, 1], xy[inside, 0]]
        off = np.flatnonzero(~on)
        if len(off) and inside[off[0]]:
            ends.append(float(off[0]) + 0.5)
    return min(ends) if ends else None


def upper_arm_over_hand(
    rebuilt: Mask, hands: Mask, arms: Sequence[Sequence[Point]], shoulder_width: float
) -> float | None:
    """The largest ratio, over the arms (shoulder, elbow and wrist points), of how far the
    rebuilt upper arm's nearer side lies from the bone (`UPPER_OVER_HAND_AT`, median) over
    half the width of the person's own `hands` across the forearm's line beyond the wrist
    (`HAND_ACROSS_AT`, median of the runs within `HAND_ACROSS_SHARE` of the
    `shoulder_width`). Rebuilt from a long sleeve, an arm took the sleeve's width
    off the shoulders, a slab three wrists wide above a slim hand; a real upper arm is
    about 1.8 wrists wide. None where no rebuilt upper arm or no hand is read."""
    mask, hand = np.asarray(rebuilt, bool), np.asarray(hands, bool)
    ratios = []
    for arm in arms:
        shoulder, elbow, wrist = (np.asarray(point, np.float32) for point in arm[:3])
        upper_v, fore_v = elbow - shoulder, wrist - elbow
        upper_length, fore_length = float(np.hypot(*upper_v)), float(np.hypot(*fore_v))
        if upper_length < 8 or fore_length < 8:
            continue
        upper_across = np.array([-upper_v[1], upper_v[0]], np.float32) / upper_length
        fore_across = np.array([-fore_v[1], fore_v[0]], np.float32) / fore_length
        cap = int(fore_length * FOREARM_ACROSS_MOST)
        sides = [_nearer_side(mask, shoulder + upper_v * t, upper_across, cap) for t in UPPER_OVER_HAND_AT]
        widths = [_run_across(hand, elbow + fore_v * t, fore_across, cap) for t in HAND_ACROSS_AT]
        side = [value for value in sides if value is not None]
        low, high = (share * shoulder_width for share in HAND_ACROSS_SHARE)
        width = [value for value in widths if value is not None and low <= value <= high]
        if side and width:
            ratios.append(float(np.median(side)) / (float(np.median(width)) / 2))
    return max(ratios) if ratios else None


def calf_swell(rebuilt: Mask, shins: Sequence[Sequence[Point]]) -> float | None:
    """The least, over the rebuilt shins (knee and ankle points), of how much wider the
    rebuilt skin is across the calf (`CALF_AT`'s middle) than the straight line between
    its widths below the knee and above the ankle makes it there, over that width. A bare
    lower leg seen from the front swells at the calf; legs rebuilt below a new dress as
    straight cones from the knee to the ankle do not (0). None where no shin is rebuilt
    across at all three."""
    mask = np.asarray(rebuilt, bool)
    found = []
    for shin in shins:
        knee, ankle = np.asarray(shin[0], np.float32), np.asarray(shin[1], np.float32)
        v = ankle - knee
        length = float(np.hypot(*v))
        if length < 8:
            continue
        across = np.array([-v[1], v[0]], np.float32) / length
        cap = int(length * FOREARM_ACROSS_MOST)
        top, calf, low = (_run_across(mask, knee + v * t, across, cap) for t in CALF_AT)
        if top is None or calf is None or low is None or calf < 3:
            continue
        share = (CALF_AT[1] - CALF_AT[0]) / (CALF_AT[2] - CALF_AT[0])
        found.append((calf - (top + (low - top) * share)) / calf)
    return min(found) if found else None


def _profile_across(
    lightness: NDArray[np.float32],
    mask: NDArray[np.bool_],
    centre: NDArray[np.float32],
    across: NDArray[np.float32],
    cap: int,
) -> NDArray[np.float32] | None:
    """Lightness along `across` through `centre` over `mask`'s run both ways from it (as
    `_run_across` follows it); None when it leaves the picture, runs past `cap` or is
    narrower than `ARM_ROUND_HALF` either side."""
    h, w = mask.shape
    ends = []
    for side in (1.0, -1.0):
        steps = np.arange(0, cap + 1, dtype=np.float32)[:, None]
        xy = np.round(centre[None, :] + side * steps * across[None, :]).astype(int)
        inside = (xy[:, 0] >= 0) & (xy[:, 0] < w) & (xy[:, 1] >= 0) & (xy[:, 1] < h)
        on = np.zeros(len(xy), bool)
        on[inside] = mask[xy[inside, 1], xy[inside, 0]]
        off = np.flatnonzero(~on)
        if not len(off) or not inside[off[0]] or off[0] <= ARM_ROUND_HALF:
            return None
        ends.append(int(off[0]) - 1)
    steps = np.arange(-ends[1], ends[0] + 1, dtype=np.float32)[:, None]
    xy = np.round(centre[None, :] + steps * across[None, :]).astype(int)
    return np.asarray(lightness[xy[:, 1], xy[:, 0]], np.float32)


def arm_round(image: NDArray[np.uint8], rebuilt: Mask, arms: Sequence[Sequence[Point]]) -> float | None:
    """How round the rebuilt arms are lit: along each bone (`ARM_ROUND_AT`) the lightness
    across the rebuilt skin (less its rim, luminance smoothed over it at 1.5 px), how much darker
    the less dark of its two edges (`ARM_ROUND_EDGE` out) is than its lightest part,
    over that lightest; the median along each bone, the least over the bones. A real arm
    is a cylinder: lit on one side, its core shadow on the other, and both edges turned
    away; a rebuilt arm lit as a flat tube out to where the old sleeve's outline cut it
    is as light at that edge as in its middle. None where no bone is rebuilt across."""
    mask = _inner(rebuilt, 2)
    # Smoothed over the rebuilt skin only: a light backdrop blurred in lifted its edges.
    weight = (np.asarray(rebuilt) > 0).astype(np.float32)
    total = cv2.GaussianBlur(_luminance(image) * weight, (0, 0), 1.5)
    lightness = np.asarray(total / np.maximum(cv2.GaussianBlur(weight, (0, 0), 1.5), 1e-3), np.float32)
    found = []
    for arm in arms:
        for start, end in zip(arm[:-1], arm[1:], strict=False):
            p, q = np.asarray(start, np.float32), np.asarray(end, np.float32)
            v = q - p
            length = float(np.hypot(*v))
            if length < 8:
                continue
            across = np.array([-v[1], v[0]], np.float32) / length
            drops = []
            for t in ARM_ROUND_AT:
                profile = _profile_across(lightness, mask, p + v * t, across, int(length * FOREARM_ACROSS_MOST))
                if profile is None:
                    continue
                u = np.linspace(-1, 1, len(profile))
                lightest = float(np.max(profile[np.abs(u) < ARM_ROUND_EDGE]))
                edges = [float(np.mean(profile[side * u >= ARM_ROUND_EDGE])) for side in (-1, 1)]
                drops.append((lightest - max(edges)) / max(lightest, 1.0))
            if drops:
                found.append(float(np.median(drops)))
    return min(found) if found else None


#: `skin_by_hue`: how far in hue (OpenCV 8-bit Lab a, b) from the skin colour the engine
#: read a pixel may be, how dark it may be at least (OpenCV 8-bit L: darker is hair or
#: shadow), and how far in lightness from the middle of what passes.
HUED_SKIN, HUED_DARKEST, HUED_LIGHTNESS = 14.0, 35.0, 70.0


def skin_by_hue(image: NDArray[np.uint8], skin_colour: NDArray[np.floating[Any]], region: Mask) -> NDArray[np.bool_]:
    """The pixels of `region` with the skin's hue (`skin_colour`, OpenCV 8-bit Lab) and
    within `HUED_LIGHTNESS` of their own middle lightness. Told by lightness near the
    colour read off the face, the skin of a person whose face is a lit, glossy highlight
    lost its shaded half, and the reference for the rebuilt skin was as light as it."""
    lab = cv2.cvtColor(np.ascontiguousarray(image), cv2.COLOR_RGB2LAB).astype(np.float32)
    colour = np.asarray(skin_colour, np.float32).reshape(3)
    hue = np.hypot(lab[:, :, 1] - colour[1], lab[:, :, 2] - colour[2])
    hued: NDArray[np.bool_] = (np.asarray(region) > 0) & (hue < HUED_SKIN) & (lab[:, :, 0] >= HUED_DARKEST)
    if not hued.any():
        return hued
    middle = float(np.median(lab[:, :, 0][hued]))
    near: NDArray[np.bool_] = hued & (np.abs(lab[:, :, 0] - middle) < HUED_LIGHTNESS)
    return near


def skin_tone(image: NDArray[np.uint8], rebuilt: Mask, reference: Mask, reach: int) -> float | None:
    """ΔE (CIE76) between the middle colour of the rebuilt skin and that of the person's
    own skin within `reach` pixels of it (all of it when too little is that near); None
    when either shows too little. Medians: shading and grain do not count."""
    made = _inner(rebuilt, 3)
    own = np.asarray(reference) > 0
    if np.count_nonzero(made) < MIN_SKIN_PIXELS or np.count_nonzero(own) < MIN_SKIN_PIXELS:
        return None
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * reach + 1, 2 * reach + 1))
    near = own & (cv2.dilate(made.astype(np.uint8), kernel) > 0)
    if np.count_nonzero(near) >= MIN_SKIN_PIXELS:
        own = near
    lab = cv2.cvtColor(image.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)
    return float(np.linalg.norm(np.median(lab[made], axis=0) - np.median(lab[own], axis=0)))


def wrist_tone(
    image: NDArray[np.uint8], rebuilt: Mask, hands: Mask, forearms: Sequence[Sequence[Point]], shoulder_width: float
) -> float | None:
    """The largest ΔE (CIE76), over the forearms (elbow and wrist points), between the
    middle colour of the rebuilt skin on the forearm's lower part (`WRIST_ALONG`) and that
    of the person's own hand skin (`hands`) round its wrist, beyond it. None when no
    forearm is rebuilt next to a hand that shows. `skin_tone` compares all the rebuilt
    skin with the skin near it, and a torso that matches hides a forearm that does not."""
    lab = cv2.cvtColor(image.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)
    apart = [
        float(np.linalg.norm(np.median(lab[arm], axis=0) - np.median(lab[hand], axis=0)))
        for arm, hand in _forearms_by_hands(rebuilt, hands, forearms, shoulder_width, WRIST_ALONG)
    ]
    return max(apart) if apart else None


def _forearms_by_hands(
    rebuilt: Mask, hands: Mask, forearms: Sequence[Sequence[Point]], shoulder_width: float, along: tuple[float, float]
) -> Iterator[tuple[NDArray[np.bool_], NDArray[np.bool_]]]:
    """For each forearm (elbow and wrist points) rebuilt next to a hand that shows: its
    rebuilt skin between the shares `along` of the elbow-to-wrist line, within
    `WRIST_ACROSS` of it, and the person's own hand skin (`hands`) round its wrist,
    beyond it (`WRIST_HAND`)."""
    made = _inner(rebuilt, 2)
    own = np.asarray(hands) > 0
    h, w = made.shape
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    for elbow, wrist in forearms:
        p, q = np.asarray(elbow, np.float32), np.asarray(wrist, np.float32)
        v = q - p
        length2 = float(v @ v)
        if length2 < 64:
            continue
        t = ((xs - p[0]) * v[0] + (ys - p[1]) * v[1]) / length2
        off = np.hypot(xs - p[0] - t * v[0], ys - p[1] - t * v[1])
        arm = made & (off < shoulder_width * WRIST_ACROSS) & (t > along[0]) & (t < along[1])
        hand = own & (t > 1) & (np.hypot(xs - q[0], ys - q[1]) < shoulder_width * WRIST_HAND)
        if np.count_nonzero(arm) >= MIN_SKIN_PIXELS and np.count_nonzero(hand) >= MIN_SKIN_PIXELS:
            yield arm, hand


def arm_pale(
    image: NDArray[np.uint8], rebuilt: Mask, hands: Mask, forearms: Sequence[Sequence[Point]], shoulder_width: float
) -> float | None:
    """The most, over the forearms (elbow and wrist points), that the rebuilt skin on the
    forearm's upper half (`ARM_PALE_ALONG`) is paler and greyer than the person's own hand
    skin (`hands`) round its wrist: the length of (L* lighter, C* less), each counted only
    that way. None when no forearm is rebuilt next to a hand that shows. A darker or
    redder arm than its hand is shade and flush; a paler, greyer one is fake skin."""
    lab = cv2.cvtColor(image.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)
    paler = []
    for arm, hand in _forearms_by_hands(rebuilt, hands, forearms, shoulder_width, ARM_PALE_ALONG):
        (l_arm, a_arm, b_arm), (l_hand, a_hand, b_hand) = (np.median(lab[m], axis=0) for m in (arm, hand))
        greyer = float(np.hypot(a_hand, b_hand) - np.hypot(a_arm, b_arm))
        paler.append(float(np.hypot(max(float(l_arm - l_hand), 0.0), max(greyer, 0.0))))
    return max(paler) if paler else None


def upper_arm_pale(
    image: NDArray[np.uint8], rebuilt: Mask, own: Mask, arms: Sequence[Sequence[Point]], shoulder_width: float
) -> float | None:
    """The most, over the arms (shoulder, elbow and wrist points), that the rebuilt skin
    on the upper arm (`UPPER_ARM_ALONG`) is paler and greyer than the person's own skin
    (`own`) on the same arm, upper arm and forearm: the length of (L* lighter, C* less),
    each counted only that way, as `arm_pale`. None where no arm has both. A rebuilt upper
    arm matched to the face's tone above a darker own arm reads as another person's."""
    made = _inner(rebuilt, 2)
    mine = _inner(own, 2) & ~made
    h, w = made.shape
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    lab = cv2.cvtColor(image.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)
    paler = []
    for shoulder, elbow, wrist in arms:
        a, b, c = (np.asarray(point, np.float32) for point in (shoulder, elbow, wrist))
        upper_t, upper_off = _along_bone(xs, ys, a, b)
        fore_t, fore_off = _along_bone(xs, ys, b, c)
        near = shoulder_width * WRIST_ACROSS
        arm = made & (upper_off < near) & (upper_t > UPPER_ARM_ALONG[0]) & (upper_t < UPPER_ARM_ALONG[1])
        bare = mine & (
            ((upper_off < near) & (upper_t > 0) & (upper_t < 1)) | ((fore_off < near) & (fore_t > 0) & (fore_t < 1))
        )
        if np.count_nonzero(arm) < MIN_SKIN_PIXELS or np.count_nonzero(bare) < MIN_SKIN_PIXELS:
            continue
        (l_arm, a_arm, b_arm), (l_own, a_own, b_own) = (np.median(lab[m], axis=0) for m in (arm, bare))
        greyer = float(np.hypot(a_own, b_own) - np.hypot(a_arm, b_arm))
        paler.append(float(np.hypot(max(float(l_arm - l_own), 0.0), max(greyer, 0.0))))
    return max(paler) if paler else None


def _along_bone(
    xs: NDArray[np.float32], ys: NDArray[np.float32], p: NDArray[np.float32], q: NDArray[np.float32]
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """Each pixel's place along the bone from `p` to `q` (0 at `p`, 1 at `q`) and its
    distance from the bone's segment (pixels)."""
    v = q - p
    t = ((xs - p[0]) * v[0] + (ys - p[1]) * v[1]) / max(float(v @ v), 1e-6)
    on = np.clip(t, 0, 1)
    return t, np.hypot(xs - p[0] - on * v[0], ys - p[1] - on * v[1])


def _leg_runs(
    image: NDArray[np.uint8], rebuilt: Mask, own: Mask, leg: Sequence[Point], shoulder_width: float, across: float
) -> tuple[NDArray[np.float32], NDArray[np.float32], NDArray[np.float32], NDArray[np.bool_], NDArray[np.bool_]] | None:
    """Lightness (Lab L), signed distance from the bone (pixels) and the rebuilt and own
    leg pixels within `across` of the bone, `LEG_BAND` above and below where the rebuilt
    leg (hip, knee, ankle) ends on the own one; None where either side has too little."""
    made, mine = _inner(rebuilt, 2), _inner(own, 2) & ~(np.asarray(rebuilt) > 0)
    h, w = made.shape
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    arc = np.full((h, w), np.inf, np.float32)
    off = np.full((h, w), np.inf, np.float32)
    start = 0.0
    for p, q in zip(leg[:-1], leg[1:], strict=True):
        p_, q_ = np.asarray(p, np.float32), np.asarray(q, np.float32)
        v = q_ - p_
        length = float(np.hypot(*v))
        if length < 8:
            return None
        t = np.clip(((xs - p_[0]) * v[0] + (ys - p_[1]) * v[1]) / length**2, 0, 1)
        d = (xs - p_[0]) * v[1] / length - (ys - p_[1]) * v[0] / length  # signed, across
        dist = np.hypot(xs - p_[0] - t * v[0], ys - p_[1] - t * v[1])
        nearer = dist < np.abs(off)
        arc = np.where(nearer, start + t * length, arc)
        off = np.where(nearer, np.where(d < 0, -dist, dist), off)
        start += length
    on_leg = np.abs(off) < shoulder_width * across
    made_leg, mine_leg = made & on_leg, mine & on_leg
    if np.count_nonzero(made_leg) < MIN_SKIN_PIXELS or np.count_nonzero(mine_leg) < MIN_SKIN_PIXELS:
        return None
    # Where the rebuilt thigh ends on the own leg: its lowest reach along the bone
    # (a stray rebuilt pixel further down does not count).
    end = float(np.quantile(arc[made_leg], 0.95))
    band = shoulder_width * LEG_BAND
    above = made_leg & (arc > end - band) & (arc <= end)
    below = mine_leg & (arc > end) & (arc < end + band)
    if np.count_nonzero(above) < MIN_SKIN_PIXELS or np.count_nonzero(below) < MIN_SKIN_PIXELS:
        return None
    lab = cv2.cvtColor(image.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)
    return np.asarray(lab[:, :, 0], np.float32), off, arc, above, below


def leg_tone_step(
    image: NDArray[np.uint8], rebuilt: Mask, own: Mask, legs: Sequence[Sequence[Point]], shoulder_width: float
) -> float | None:
    """The lightness step (Lab L, rebuilt less own; the largest in size over the legs,
    each hip, knee and ankle) from a rebuilt thigh just above where it ends to the
    person's own leg skin just below (`own`: knees, shins). None where no rebuilt leg
    ends on the person's own. The whole-body `skin_tone` compares with skin anywhere
    near, and the hands or face a rebuilt leg was matched to hide a thigh paler than
    the knee under it."""
    steps = []
    for leg in legs:
        runs = _leg_runs(image, rebuilt, own, leg, shoulder_width, LEG_ACROSS)
        if runs is not None:
            lightness, _, _, above, below = runs
            steps.append(float(np.median(lightness[above]) - np.median(lightness[below])))
    return max(steps, key=abs) if steps else None


def leg_detail(
    image: NDArray[np.uint8], rebuilt: Mask, own: Mask, legs: Sequence[Sequence[Point]], shoulder_width: float
) -> float | None:
    """The detail (`detail_level`) of a rebuilt thigh just above where it ends over that
    of the person's own leg just below (the least over the legs): near 0, a smooth fill
    above a grainy or downy shin. None where no rebuilt leg ends on the person's own."""
    ratios = []
    for leg in legs:
        runs = _leg_runs(image, rebuilt, own, leg, shoulder_width, LEG_ACROSS)
        if runs is None:
            continue
        made, mine = detail_level(image, runs[3]), detail_level(image, runs[4])
        if made is not None and mine is not None:
            ratios.append(made / max(mine, 1e-4))
    return min(ratios) if ratios else None


def legs_smooth(image: NDArray[np.uint8], rebuilt: Mask, legs: Mask, reference: Mask) -> float | None:
    """The detail (`detail_level`) of the rebuilt skin on the legs below the hips
    (`legs`, off the forearms) over that of the person's own visible skin (`reference`):
    near 0, legs rebuilt as smooth as plastic. `skin_detail` reads the rebuilt forearms
    only and `leg_detail` only legs that end on the person's own shins; legs rebuilt
    from trousers to the shoes went unread. None where either shows too little."""
    made = detail_level(image, np.asarray(rebuilt, bool) & np.asarray(legs, bool))
    own = detail_level(image, reference)
    if made is None or own is None:
        return None
    return made / max(own, 1e-4)


def _sides_darker(lightness: NDArray[np.float32], off: NDArray[np.float32], part: NDArray[np.bool_]) -> float | None:
    """How much darker (L) `part` of a leg is in its outer thirds than in its middle
    third, out from the bone (`off`) as far as its own pixels reach."""
    width = float(np.quantile(np.abs(off[part]), 0.95))
    middle = part & (np.abs(off) < width / 3)
    sides = part & (np.abs(off) > 2 * width / 3)
    if np.count_nonzero(middle) < MIN_SKIN_PIXELS // 3 or np.count_nonzero(sides) < MIN_SKIN_PIXELS // 3:
        return None
    return float(np.median(lightness[middle]) - np.median(lightness[sides]))


def leg_side_shade(
    image: NDArray[np.uint8], rebuilt: Mask, own: Mask, legs: Sequence[Sequence[Point]], shoulder_width: float
) -> float | None:
    """How much darker a rebuilt thigh's sides are than its middle (Lab L) over how
    much darker the person's own leg's sides just below are than its middle (the least
    over the legs): near 0, a flat fill above a rounded, shaded shin. None where no
    rebuilt leg ends on the person's own, or the own leg is lit flat across."""
    shares = []
    for leg in legs:
        runs = _leg_runs(image, rebuilt, own, leg, shoulder_width, LEG_SIDE_ACROSS)
        if runs is None:
            continue
        lightness, off, _, above, below = runs

        made, mine = _sides_darker(lightness, off, above), _sides_darker(lightness, off, below)
        if made is None or mine is None or mine < LEG_SIDE_FLAT:
            continue
        shares.append(made / mine)
    return min(shares) if shares else None


def wrist_band(
    image: NDArray[np.uint8], rebuilt: Mask, hands: Mask, forearms: Sequence[Sequence[Point]], shoulder_width: float
) -> float | None:
    """The largest ΔE (CIE76), over the strips across each forearm (elbow and wrist
    points) from its rebuilt lower part down into the person's own hand (`hands`), of a
    strip's middle colour from the nearer of the forearm's (rebuilt, `WRIST_ALONG`) and
    the hand's (its own skin just past where it begins). A forearm bared from a long
    sleeve must run on into its hand: `wrist_tone` compares the two, and a band between
    them (the old cuff, a pale refill, a stub's end) is neither. None when no forearm is
    rebuilt next to a hand on the arm's line."""
    made = _inner(rebuilt, 2)
    own = np.asarray(hands) > 0
    lab = cv2.cvtColor(image.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)
    h, w = made.shape
    found = []
    for elbow, wrist in forearms:
        p, q = np.asarray(elbow, np.float32), np.asarray(wrist, np.float32)
        v = q - p
        length = float(np.hypot(*v))
        if length < 8:
            continue
        # Read in the box round the forearm's lower part and the hand beyond the wrist.
        reach = shoulder_width * WRIST_HAND
        ends = np.array([p + v * WRIST_ALONG[0], q + v / length * reach])
        x0, y0 = np.maximum(np.floor(ends.min(axis=0) - reach), 0).astype(int)
        x1, y1 = np.minimum(np.ceil(ends.max(axis=0) + reach) + 1, (w, h)).astype(int)
        if x1 <= x0 or y1 <= y0:
            continue
        ys, xs = np.mgrid[y0:y1, x0:x1].astype(np.float32)
        along = ((xs - p[0]) * v[0] + (ys - p[1]) * v[1]) / length
        core = np.abs((xs - p[0]) * v[1] - (ys - p[1]) * v[0]) / length < shoulder_width * CUFF_ACROSS
        box = slice(y0, y1), slice(x0, x1)
        box_made, box_own, box_lab = made[box], own[box], lab[box]
        arm = box_made & core & (along > WRIST_ALONG[0] * length) & (along < CUFF_FROM * length)
        if np.count_nonzero(arm) < MIN_SKIN_PIXELS // 4:
            continue
        strip = np.floor((along - CUFF_FROM * length) / CUFF_STRIP).astype(int)
        last = int((length + reach) // CUFF_STRIP)
        inside = core & (strip >= 0) & (strip <= last)
        total = np.bincount(strip[inside], minlength=last + 1)
        handed = np.bincount(strip[inside & box_own], minlength=last + 1)
        starts = np.flatnonzero((handed >= 0.5 * np.maximum(total, 1)) & (total > 0))
        if not len(starts):
            continue
        start = int(starts[0])
        hand = core & box_own & (strip >= start + CUFF_INTO) & (strip < start + CUFF_INTO + 4)
        if np.count_nonzero(hand) < 10:
            continue
        arm_colour = np.median(box_lab[arm], axis=0)
        hand_colour = np.median(box_lab[hand], axis=0)
        for k in range(start + CUFF_INTO):
            here = inside & (strip == k)
            if np.count_nonzero(here) < 3:
                continue
            colour = np.median(box_lab[here], axis=0)
            found.append(min(float(np.linalg.norm(colour - arm_colour)), float(np.linalg.norm(colour - hand_colour))))
    return max(found) if found else None


def _arm_half(
    body: NDArray[np.bool_] | None, line: NDArray[np.float64], step: NDArray[np.float64], across: float
) -> NDArray[np.float64]:
    """How far from each point of `line` along `step` (unit vectors) `sleeve_coverage`
    reads: half way to the body's edge that way, at least `across` and at most twice it
    (the arm runs on into the torso on its inner side). The pose's joints often lie off
    the arm's middle: a fixed distance from the bone missed a bare strip on its far side."""
    if body is None:
        return np.full(len(line), across)
    h, w = body.shape
    ks = np.arange(1, int(4 * across) + 1, dtype=np.float64)
    xy = np.round(line[:, None, :] + step[:, None, :] * ks[None, :, None]).astype(int)
    x, y = np.clip(xy[..., 0], 0, w - 1), np.clip(xy[..., 1], 0, h - 1)
    off = ~body[y, x]
    edge = np.where(off.any(axis=1), off.argmax(axis=1) + 1, len(ks)).astype(np.float64)
    return np.clip(edge / 2, across, 2 * across)


def sleeve_coverage(
    cover: NDArray[np.floating[Any]],
    arms: Sequence[Sequence[Point]],
    reach: float,
    across: float = 0.0,
    body: NDArray[np.bool_] | None = None,
) -> float | None:
    """The least share, over the arms and three lines down each (upper arm and forearm
    apart), of the arm's length a sleeve should cover that the garment does cover.

    `arms` holds each visible arm's (shoulder, elbow, wrist) points; `reach` is how far
    down the arm the garment's sleeves go, as a share of shoulder-to-wrist (0 for none,
    1 for a long sleeve). The length checked runs from just below the shoulder to just
    short of the sleeve's end, so the seam and hem are not judged. Besides the bone, a
    line either side of it is checked, half way to the `body` mask's edge (`_arm_half`;
    `across` pixels, `SLEEVE_ACROSS` shoulder widths, without a mask): a sleeve split
    down its length covers the bone and leaves a strip of the arm beside it bare. None
    when the garment has no sleeves to speak of or no arm is seen.
    """
    if reach < 0.2 or not arms:
        return None
    h, w = cover.shape[:2]
    shares = []
    for shoulder, elbow, wrist in arms:
        joints = np.array([shoulder, elbow, wrist], np.float64)
        lengths = np.linalg.norm(np.diff(joints, axis=0), axis=1)
        total = float(lengths.sum())
        if total < 4:
            continue
        # Read with the lines beside the bone, all start nearer the shoulder: a split
        # sleeve opens just below it.
        ts = np.linspace(0.15 if across <= 0 else SLEEVE_ACROSS_FROM, 0.85, 24) * min(reach, 1.0) * total
        points = []
        for t in ts:
            if t <= lengths[0]:
                points.append(joints[0] + (joints[1] - joints[0]) * t / max(lengths[0], 1e-6))
            else:
                points.append(joints[1] + (joints[2] - joints[1]) * (t - lengths[0]) / max(lengths[1], 1e-6))
        line = np.array(points, np.float64)
        # Each point's normal: across the segment (upper arm or forearm) it lies on.
        bone = np.where((ts <= lengths[0])[:, None], joints[1] - joints[0], joints[2] - joints[1])
        normal = np.stack([-bone[:, 1], bone[:, 0]], axis=1) / np.maximum(np.linalg.norm(bone, axis=1), 1e-6)[:, None]
        upper = ts <= lengths[0]
        lines = [line]
        if across > 0:
            for side in (-1.0, 1.0):
                lines.append(line + normal * side * _arm_half(body, line, normal * side, across)[:, None])
        for drawn in lines:
            xy = np.round(drawn).astype(int)
            inside = (xy[:, 0] >= 0) & (xy[:, 0] < w) & (xy[:, 1] >= 0) & (xy[:, 1] < h)
            # Upper arm and forearm apart: a strip bare down the upper arm alone is half
            # the length, and read with the forearm's covered half it passed.
            for part in (inside & upper, inside & ~upper) if across > 0 else (inside,):
                if part.sum() >= 6:
                    shares.append(float(np.mean(cover[xy[part, 1], xy[part, 0]] > 0.5)))
    return min(shares) if shares else None


def sleeve_past_wrist(
    cover: NDArray[np.floating[Any]], arms: Sequence[Sequence[Point]], trunk: NDArray[np.bool_] | None = None
) -> float | None:
    """The most, over the arms, of the band beyond the wrist (on down the forearm's line,
    see PAST_WRIST_NEAR) that the garment covers: a sleeve ends at the wrist, and one
    hanging on past the hand shows as a flap beside the hips. `arms` holds each visible
    arm's (shoulder, elbow, wrist). Where the band lies on the `trunk` (a hand on the hip
    or in a pocket), the top's body panel covers it rightly: that part is not read.
    None when no arm's band off the trunk lies in the photo."""
    h, w = cover.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    shares = []
    for _, elbow, wrist in arms:
        e, wr = np.asarray(elbow, np.float64), np.asarray(wrist, np.float64)
        forearm = float(np.linalg.norm(wr - e))
        if forearm < 4:
            continue
        down = (wr - e) / forearm
        along = ((xx - wr[0]) * down[0] + (yy - wr[1]) * down[1]) / forearm
        across = np.abs((xx - wr[0]) * down[1] - (yy - wr[1]) * down[0]) / forearm
        band = (along >= PAST_WRIST_NEAR) & (along <= PAST_WRIST_FAR) & (across <= PAST_WRIST_SIDE)
        if trunk is not None:
            band &= ~trunk
        if np.count_nonzero(band) < 20:
            continue
        shares.append(float(np.mean(np.asarray(cover)[band] > 0.5)))
    return max(shares) if shares else None


def _hem_point(
    cover: NDArray[np.floating[Any]], joints: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]] | None:
    """Where a sleeve ends down the arm's bones (`joints`: shoulder, elbow, wrist) and
    the bone's direction there: the first point, from a quarter of the upper arm down,
    where the garment gives way; None when it covers the whole arm or never starts."""
    h, w = cover.shape[:2]
    for i, (a, b) in enumerate(zip(joints[:-1], joints[1:], strict=True)):
        length = float(np.linalg.norm(b - a))
        if length < 4:
            return None
        ts = np.arange(0.25 * length if i == 0 else 0.0, length, 1.0)
        xy = np.round(a[None, :] + (b - a)[None, :] * (ts / length)[:, None]).astype(int)
        if ((xy < 0) | (xy >= (w, h))).any():
            return None
        on = np.asarray(cover)[xy[:, 1], xy[:, 0]] >= 0.5
        if i == 0 and not on[0]:
            return None
        if not on.all():
            return xy[int(np.argmin(on))].astype(np.float64), (b - a) / length
    return None


def _hem_profiles(
    cover: NDArray[np.floating[Any]], arm: Sequence[Point], shoulder_width: float
) -> tuple[NDArray[np.float64], NDArray[np.float32], NDArray[np.float64]] | None:
    """Lines down the arm across a sleeve's end: their offsets across the arm, the
    garment's cover along each (a column each) and the offsets along it; None when no
    sleeve ends on the arm, or fewer than HEM_COLUMNS of the lines cross its edge (a
    sleeve against the body panel, or cut off by a hand, is no hem)."""
    found = _hem_point(cover, np.array(arm, np.float64))
    if found is None:
        return None
    point, down = found
    side = np.array([-down[1], down[0]])
    half = max(3, int(HEM_HALF * shoulder_width))
    reach = max(3, int(HEM_REACH * shoulder_width))
    u = np.arange(-half, half + 1, dtype=np.float64)
    v = np.arange(-reach, reach + 1, dtype=np.float64)
    grid = (point[None, None, :] + u[None, :, None] * side + v[:, None, None] * down).astype(np.float32)
    profile = cv2.remap(
        np.asarray(cover, np.float32), grid[:, :, 0], grid[:, :, 1], cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT
    )
    # Covered at the top, bare at the bottom: the line crosses the hem.
    good = (profile[0] >= 0.9) & (profile[-1] <= 0.1)
    if good.mean() < HEM_COLUMNS:
        return None
    return u[good], np.asarray(profile[:, good], np.float32), v


def hem_ragged(
    cover: NDArray[np.floating[Any]], arms: Sequence[Sequence[Point]], shoulder_width: float
) -> float | None:
    """How far, at most over the arms, a sleeve's end strays from a smooth curve across
    the middle of the arm, in thousandths of the shoulder width (RMS): the edge (cover
    0.5) down each line along the bone, to the pixel's fraction, less a parabola fitted
    to it (a hem's own line is straight or slightly curved; steps and waves are left).
    `arms` holds each visible arm's (shoulder, elbow, wrist); None when no sleeve ends
    on an arm in the photo."""
    values = []
    for arm in arms:
        found = _hem_profiles(cover, arm, shoulder_width)
        if found is None:
            continue
        u, profile, v = found
        # The last covered step from the top in each line, and where it crosses 0.5.
        rows = np.clip(np.argmin(profile >= 0.5, axis=0), 1, len(v) - 1)
        cols = np.arange(len(u))
        above, below = profile[rows - 1, cols], profile[rows, cols]
        edge = v[rows - 1] + (above - 0.5) / np.maximum(above - below, 1e-6)
        fit = np.polyval(np.polyfit(u, edge, 2), u)
        values.append(1000.0 * float(np.sqrt(np.mean((edge - fit) ** 2))) / max(shoulder_width, 1.0))
    return max(values) if values else None


def hem_blur(cover: NDArray[np.floating[Any]], arms: Sequence[Sequence[Point]], shoulder_width: float) -> float | None:
    """How soft, at most over the arms, a sleeve's end is: the median over the lines down
    the arm across it of how far the garment takes to fade from 0.9 to 0.1, in pixels. A
    hem is a sharp fold of cloth; the product's soft edge, enlarged with the sleeve,
    showed as a blurred band across the arm. `arms` as for `hem_ragged`."""
    values = []
    for arm in arms:
        found = _hem_profiles(cover, arm, shoulder_width)
        if found is None:
            continue
        _, profile, _ = found
        fading = (profile < 0.9) & (profile > 0.1)
        values.append(float(np.median(np.count_nonzero(fading, axis=0))))
    return max(values) if values else None


def _neckline(
    cover: NDArray[np.floating[Any]], skin: NDArray[np.floating[Any]], columns: tuple[int, int], shoulder_width: float
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]] | None:
    """The new garment's top edge (cover 0.5, to the pixel's fraction) in the `columns`
    (first, last) where rebuilt `skin` lies just above it, its slope there, and how many
    pixels it takes to fade from 0.9 to 0.1 (across the edge); None when too few columns
    have one (see `NECKLINE_SKIN`)."""
    solid = np.asarray(cover, np.float32)
    h, w = solid.shape
    x0, x1 = max(0, columns[0]), min(w, columns[1] + 1)
    if x1 - x0 < 3:
        return None
    part = solid[:, x0:x1]
    on = part >= 0.5
    found = on.any(axis=0)
    top = np.argmax(on, axis=0)
    above = max(2, int(NECKLINE_ABOVE * shoulder_width))
    cols = np.arange(x1 - x0)
    rows = np.clip(top[:, None] - np.arange(1, above + 1)[None, :], 0, h - 1)
    bare = np.asarray(skin, np.float32)[:, x0:x1][rows, cols[:, None]] * (part[rows, cols[:, None]] < 0.1)
    found &= (top >= 1) & (bare.max(axis=1) >= NECKLINE_SKIN)
    if np.count_nonzero(found) < max(MIN_NECKLINE, NECKLINE_LENGTH * shoulder_width):
        return None
    lo = part[np.maximum(top - 1, 0), cols]
    hi = part[top, cols]
    edge = top - 1 + (0.5 - lo) / np.maximum(hi - lo, 1e-6)
    # How long the fade is down each column, from its last pixel under 0.1 above the
    # edge to its first over 0.9 below it.
    reach = max(4, int(0.05 * shoulder_width))
    window = np.clip(top[:, None] + np.arange(-reach, reach + 1)[None, :], 0, h - 1)
    values = part[window, cols[:, None]]
    fading = np.count_nonzero((values > 0.1) & (values < 0.9), axis=1).astype(np.float64)
    slope = np.gradient(edge)
    keep = found & (np.abs(slope) <= NECKLINE_SLOPE)
    if np.count_nonzero(keep) < max(MIN_NECKLINE, NECKLINE_LENGTH * shoulder_width):
        return None
    return edge.astype(np.float64), np.where(keep, slope, np.nan), fading


def neckline_ragged(
    cover: NDArray[np.floating[Any]], skin: NDArray[np.floating[Any]], columns: tuple[int, int], shoulder_width: float
) -> float | None:
    """How jagged the new garment's top edge against the bared skin above it is (`skin`:
    how much of each pixel is rebuilt skin), in pixels: the robust spread of its second
    difference along the `columns` (each column's edge less the mean of its two
    neighbours'), scaled to a column's own noise. A curve, a V's point or a strap's end
    moves it little; a line stepping up and down from column to column moves it much.
    None when too little of that edge shows."""
    found = _neckline(cover, skin, columns, shoulder_width)
    if found is None:
        return None
    edge, slope, _ = found
    keep = ~np.isnan(slope)
    triple = keep[:-2] & keep[1:-1] & keep[2:]
    if np.count_nonzero(triple) < MIN_NECKLINE // 2:
        return None
    second = (edge[:-2] - 2 * edge[1:-1] + edge[2:])[triple]
    return 1.4826 * float(np.median(np.abs(second))) / float(np.sqrt(6.0))


def _side_line(
    part: NDArray[np.float32], cover: NDArray[np.float32], start: NDArray[np.float32], end: NDArray[np.float32]
) -> list[NDArray[np.float64]]:
    """The rebuilt skin's (`part`) two sides along a bone from `start` to `end`, each as
    its distance (pixels, to a fraction: where `part` falls through a half) from the bone
    at each pixel along it, NaN where the skin does not cover the bone, runs on past
    `ARM_EDGE_ACROSS` or ends on the new garment (`cover`)."""
    v = end - start
    length = float(np.hypot(*v))
    if length < 8:
        return []
    down = v / length
    across = np.array([-down[1], down[0]], np.float32)
    along = np.arange(ARM_EDGE_AT[0] * length, ARM_EDGE_AT[1] * length, 1.0, dtype=np.float32)
    reach = ARM_EDGE_ACROSS * length
    step = 0.25
    offsets = np.arange(0, reach, step, dtype=np.float32)
    sides = []
    for sign in (-1.0, 1.0):
        xs = start[0] + along[:, None] * down[0] + sign * offsets[None, :] * across[0]
        ys = start[1] + along[:, None] * down[1] + sign * offsets[None, :] * across[1]
        values = cv2.remap(part, xs, ys, cv2.INTER_LINEAR)
        below = values < 0.5
        first = np.argmax(below, axis=1)
        ok = below.any(axis=1) & (values[:, 0] >= 0.5) & (first > 0)
        rows = np.arange(len(along))
        inner, outer = values[rows, np.maximum(first - 1, 0)], values[rows, first]
        share = np.clip((inner - 0.5) / np.maximum(inner - outer, 1e-6), 0, 1)
        edge = ((first - 1) + share) * step
        # Beyond the edge, the backdrop: not the new garment's own drawn outline.
        bx = start[0] + along * down[0] + sign * (edge + 2) * across[0]
        by = start[1] + along * down[1] + sign * (edge + 2) * across[1]
        beyond = cv2.remap(cover, bx[:, None].astype(np.float32), by[:, None].astype(np.float32), cv2.INTER_LINEAR)[
            :, 0
        ]
        ok &= beyond < 0.5
        sides.append(np.where(ok, edge, np.nan).astype(np.float64))
    return sides


def skin_dark_marks(image: NDArray[np.uint8], rebuilt: Mask, shoulder_width: float) -> float | None:
    """The share of the rebuilt skin's inside (`rebuilt`, less `DARK_MARK_INSET` shoulder
    widths round its outline) darker than the skin round it (its blur at `DARK_MARK_SIGMA`)
    by more than `DARK_MARK_DEPTH`: dark streaks and flecks. Real skin's pores and grain
    lie within that depth; a rebuilt arm laid with the gaps between a hand's fingers (a
    person in long sleeves, whose only skin off the face is the hands) is streaked like a
    ghost's, which `skin_texture` and `skin_detail` read as skin's own detail. None when
    too little is rebuilt."""
    side = 2 * max(1, int(shoulder_width * DARK_MARK_INSET)) + 1
    inside = cv2.erode(
        (np.asarray(rebuilt) > 0).astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (side, side))
    )
    inner = inside > 0
    if np.count_nonzero(inner) < MIN_SKIN_PIXELS:
        return None
    lum = _luminance(image) + 1
    sigma = max(DARK_MARK_LEAST_SIGMA, shoulder_width * DARK_MARK_SIGMA)
    relative = lum / cv2.GaussianBlur(lum, (0, 0), sigma) - 1
    return float(np.mean(relative[inner] < -DARK_MARK_DEPTH))


def arm_edge_steps(
    skin: NDArray[np.floating[Any]], cover: NDArray[np.floating[Any]], arms: Sequence[Sequence[Point]]
) -> float | None:
    """How far the rebuilt arms' sides against the backdrop stray from a smooth line (px):
    along each bone of `arms` (shoulder, elbow, wrist), each side's distance from the bone
    (where `skin`, how much of each pixel is rebuilt skin, falls through a half, off the
    new garment's `cover`) less its Gaussian smoothing along the bone (`ARM_EDGE_SMOOTH`),
    the robust spread of that over all the sides' unbroken runs. An arm's outline is a
    smooth curve; cut at a mask's steps it is a staircase, the backdrop biting into the
    arm at each step: an edge that dissolves. None when too little side is read."""
    part = np.asarray(skin, np.float32)
    drawn = np.asarray(cover, np.float32)
    strays: list[NDArray[np.float64]] = []
    for arm in arms:
        for a, b in zip(arm[:-1], arm[1:], strict=False):
            for line in _side_line(part, drawn, np.asarray(a, np.float32), np.asarray(b, np.float32)):
                found = ~np.isnan(line)
                # Unbroken runs only, each smoothed on its own (a gap is no edge).
                bounds = np.flatnonzero(np.diff(np.concatenate([[0], found.astype(np.int8), [0]])))
                for begin, stop in zip(bounds[::2], bounds[1::2], strict=True):
                    run = line[begin:stop]
                    if len(run) < 4 * ARM_EDGE_SMOOTH:
                        continue
                    smooth = cv2.GaussianBlur(run[:, None], (1, 0), ARM_EDGE_SMOOTH, borderType=cv2.BORDER_REPLICATE)
                    strays.append((run - smooth[:, 0])[int(ARM_EDGE_SMOOTH) : -int(ARM_EDGE_SMOOTH)])
    if not strays:
        return None
    pooled = np.concatenate(strays)
    if len(pooled) < MIN_ARM_EDGE:
        return None
    return float(np.mean(np.abs(pooled)))


def neckline_blur(
    cover: NDArray[np.floating[Any]], skin: NDArray[np.floating[Any]], columns: tuple[int, int], shoulder_width: float
) -> float | None:
    """How soft the new garment's top edge against the bared skin above it is: the median,
    over the columns it is read in (see `neckline_ragged`), of the pixels it takes to fade
    from 0.9 to 0.1 across the edge (down the column, times the cosine of its slope)."""
    found = _neckline(cover, skin, columns, shoulder_width)
    if found is None:
        return None
    _, slope, fading = found
    keep = ~np.isnan(slope)
    return float(np.median(fading[keep] / np.sqrt(1 + slope[keep] ** 2)))


def outline_blur(cover: NDArray[np.floating[Any]], backdrop: Mask) -> float | None:
    """How soft the new garment's outline over the `backdrop` is: the pixels of its soft
    band (cover between 0.05 and 0.95) per pixel of its 0.5 line there, the mean width
    the edge takes to fade. None where too little of the outline lies on the backdrop."""
    cover = np.asarray(cover, np.float32)
    back = np.asarray(backdrop) > 0
    solid = (cover > 0.5).astype(np.uint8)
    line = (solid > 0) & (cv2.erode(solid, np.ones((3, 3), np.uint8)) == 0) & back
    length = np.count_nonzero(line)
    if length < OUTLINE_LEAST:
        return None
    near = cv2.dilate(line.astype(np.uint8), np.ones((9, 9), np.uint8)) > 0
    band = (cover > 0.05) & (cover < 0.95) & back & near
    return float(np.count_nonzero(band) / length)


def rim_flat(image: NDArray[np.uint8], cover: NDArray[np.floating[Any]], backdrop: Mask) -> float | None:
    """How much of the garment's fine detail its rim over the `backdrop` keeps: the mean
    detail (see `RIM_DETAIL_SIGMA`) of the cloth within `RIM_BAND` of the outline over
    that of the cloth `RIM_INSIDE` in, both near where the outline lies on the backdrop.
    None where too little of the outline lies on the backdrop or the cloth is plain."""
    found = _rim_detail(image, cover, backdrop, RIM_INSIDE)
    if found is None or found[1] < RIM_DETAIL_LEAST:
        return None
    return found[0] / found[1]


def rim_mottle(image: NDArray[np.uint8], cover: NDArray[np.floating[Any]], backdrop: Mask) -> float | None:
    """How many times the fine detail of a plain garment's cloth `MOTTLE_INSIDE` in its
    rim over the `backdrop` has (`RIM_BAND`, see `rim_flat`): a plain cloth's faint weave
    mirrored across a curved edge comes apart into a lacy, speckled band. None where too
    little of the outline lies on the backdrop or the cloth is printed or woven."""
    found = _rim_detail(image, cover, backdrop, MOTTLE_INSIDE)
    if found is None or found[1] >= RIM_DETAIL_LEAST:
        return None
    return found[0] / max(found[1], 1e-3)


def _rim_detail(
    image: NDArray[np.uint8], cover: NDArray[np.floating[Any]], backdrop: Mask, within: tuple[float, float]
) -> tuple[float, float] | None:
    """The mean fine detail (see `RIM_DETAIL_SIGMA`) of the cloth within `RIM_BAND` of
    the garment's outline and of that `within` (pixels, from, to) in, both near where the
    outline lies on the `backdrop`; None where either holds too few pixels."""
    cover = np.asarray(cover, np.float32)
    solid = (cover > 0.5).astype(np.uint8)
    line = (solid > 0) & (cv2.erode(solid, np.ones((3, 3), np.uint8)) == 0) & (np.asarray(backdrop) > 0)
    if np.count_nonzero(line) < OUTLINE_LEAST:
        return None
    reach = 2 * int(within[1]) + 1
    near = cv2.dilate(line.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (reach, reach))) > 0
    depth = cv2.distanceTransform(solid, cv2.DIST_L2, 5)
    cloth = (cover > 0.95).astype(np.float32)
    lightness = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY).astype(np.float32)
    weight = cv2.GaussianBlur(cloth, (0, 0), RIM_DETAIL_SIGMA)
    around = cv2.GaussianBlur(lightness * cloth, (0, 0), RIM_DETAIL_SIGMA) / np.maximum(weight, 1e-3)
    detail = np.abs(lightness - around)
    on = near & (cloth > 0)
    rim = on & (depth >= RIM_BAND[0]) & (depth <= RIM_BAND[1])
    inside = on & (depth >= within[0]) & (depth <= within[1])
    if np.count_nonzero(rim) < OUTLINE_LEAST or np.count_nonzero(inside) < OUTLINE_LEAST:
        return None
    return float(detail[rim].mean()), float(detail[inside].mean())


def seam_gap(
    cover: NDArray[np.floating[Any]], body: Mask, kept: Mask, neck: Point, hips: Point, shoulder_width: float
) -> float | None:
    """How much of the body (`body`, less the `kept` face and hands) from the shoulders'
    line (`neck`) down to the hips lies uncovered in a slit between two pieces of the
    garment on the same row (see SEAM_GAP_WIDTH): the old garment's place between a
    sleeve and the panel, shown as skin or a sliver. A neckline is such a slit too, so the
    middle (SEAM_GAP_CLEAR either side) is left out. In hundredths of a square shoulder
    width; None when the torso is not in the photo."""
    along, across, length = _axes(cover.shape, neck, hips)
    zone = (along >= 0) & (along <= 1) & (np.abs(across) > SEAM_GAP_CLEAR * shoulder_width)
    if length < 4 or not zone.any():
        return None
    solid = (np.asarray(cover) > 0.5).astype(np.uint8)
    span = max(3, int(shoulder_width * SEAM_GAP_WIDTH)) | 1
    closed = cv2.morphologyEx(solid, cv2.MORPH_CLOSE, np.ones((1, span), np.uint8)) > 0
    gap = closed & (solid == 0) & (np.asarray(body) > 0) & (np.asarray(kept) == 0) & zone
    return 100.0 * np.count_nonzero(gap) / max(shoulder_width**2, 1.0)


def side_notch(
    cover: NDArray[np.floating[Any]], kept: Mask, neck: Point, hips: Point, shoulder_width: float
) -> float | None:
    """How much a top leaves uncovered between its own pixels above and below within
    `SIDE_NOTCH_SPAN` shoulder widths, away from the midline (`SEAM_GAP_CLEAR`), from
    below the armpits (`SIDE_NOTCH_FROM` of the way from `neck` to the hips) down, less
    the `kept` face and hands: notches and holes in its sides (a bare waist kept beside
    the arm, as in the photo). A sleeve ends above the arm, and an armhole has nothing
    of the top above it, so neither counts. In hundredths of a square shoulder width;
    None without the torso."""
    along, across, length = _axes(cover.shape, neck, hips)
    zone = (along >= SIDE_NOTCH_FROM) & (along <= 1) & (np.abs(across) > SEAM_GAP_CLEAR * shoulder_width)
    if length < 4 or not zone.any():
        return None
    solid = (np.asarray(cover) > 0.5).astype(np.uint8)
    span = max(3, int(shoulder_width * SIDE_NOTCH_SPAN)) | 1
    closed = cv2.morphologyEx(solid, cv2.MORPH_CLOSE, np.ones((span, 1), np.uint8)) > 0
    notch = (closed & (solid == 0) & (np.asarray(kept) == 0) & zone).astype(np.uint8)
    size = max(3, int(shoulder_width * SIDE_NOTCH_OPEN)) | 1
    notch = cv2.morphologyEx(notch, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
    return 100.0 * np.count_nonzero(notch) / max(shoulder_width**2, 1.0)


def arm_side_pale(
    image: NDArray[np.uint8],
    cover: NDArray[np.floating[Any]],
    arm: NDArray[np.floating[Any]],
    neck: Point,
    hips: Point,
    shoulder_width: float,
) -> float | None:
    """How much of the render (RGB `image`) between a top's side (`cover` over 0.5) and
    the bare arm beside it (`arm` over 0.5, less its pixels as pale as below) is pale:
    less coloured than `ARM_SIDE_PALE` of the arm's skin, within gaps of a row narrower
    than `ARM_SIDE_SPAN`, from `SIDE_NOTCH_FROM` of the way from `neck` to the hips down
    and away from the midline. Worn, the cloth meets the arm; a white sliver or a
    staircase of notches there is the old top or the backdrop. In hundredths of a square
    shoulder width; None without the torso or a bare arm."""
    along, across, length = _axes(cover.shape, neck, hips)
    zone = (along >= SIDE_NOTCH_FROM) & (along <= 1) & (np.abs(across) > SEAM_GAP_CLEAR * shoulder_width)
    on_arm = (np.asarray(arm) > 0.5) & zone
    if length < 4 or not on_arm.any():
        return None
    lab = cv2.cvtColor(np.ascontiguousarray(image), cv2.COLOR_RGB2LAB).astype(np.float32)
    chroma = np.hypot(lab[:, :, 1] - 128, lab[:, :, 2] - 128)
    pale = chroma < ARM_SIDE_PALE * float(np.median(chroma[on_arm]))
    solid = np.asarray(cover) > 0.5
    skin = on_arm & ~pale & ~solid
    span = max(3, int(shoulder_width * ARM_SIDE_SPAN)) | 1
    kernel = np.ones((1, span), np.uint8)
    shut = cv2.morphologyEx((solid | skin).view(np.uint8), cv2.MORPH_CLOSE, kernel) > 0
    # A gap with the arm near it on its row and the garment too: not a slit in the
    # garment (`side_notch`) nor the backdrop beyond the arm.
    near_arm = cv2.dilate(skin.view(np.uint8), kernel) > 0
    near_top = cv2.dilate(solid.view(np.uint8), kernel) > 0
    sliver = shut & ~solid & ~skin & zone & pale & near_arm & near_top
    return 100.0 * np.count_nonzero(sliver) / max(shoulder_width**2, 1.0)


def side_ragged(
    cover: NDArray[np.floating[Any]], neck: Point, hips: Point, shoulder_width: float, front: Mask | None = None
) -> float | None:
    """How far a top's sides stray from a smooth line, from below the armpits
    (`SIDE_NOTCH_FROM` of the way from `neck` to the `hips`) down to its hem: on each
    row the garment's run out from the midline (`cover` over 0.5) ends at its side, or
    at an arm in front of it; less that end's running median over `SIDE_RAGGED_SPAN`
    of rows, RMS over both sides' rows, in thousandths of the shoulder width. Cloth
    hangs in a smooth line; bites of the backdrop or the old garment in it, steps, and
    the lumps of a side cut to a ragged arm mask are left. The hem is the first row
    below the garment's own where the midline is bare. None without sides to read.

    A row whose run ends at `front` (the person's own hands and face, kept over the top)
    within `SIDE_FRONT_REACH` px is not read: a hand laid across the side cut the run
    short there, a step of the hand's outline, not of the cloth's. The running median
    bridges those rows with a line between the side above and below them."""
    solid = np.asarray(cover) > 0.5
    h, w = solid.shape
    ahead = np.zeros((h, w), bool)
    if front is not None:
        reach = 2 * SIDE_FRONT_REACH + 1
        ahead = cv2.dilate((np.asarray(front) > 0).astype(np.uint8), np.ones((reach, reach), np.uint8)) > 0
    top, bottom = np.asarray(neck, np.float64), np.asarray(hips, np.float64)
    if bottom[1] - top[1] < 4:
        return None
    slope = (bottom[0] - top[0]) / (bottom[1] - top[1])
    first = max(0, int(np.ceil(top[1] + SIDE_NOTCH_FROM * (bottom[1] - top[1]))))
    sides: list[list[float]] = [[], []]
    for y in range(first, h):
        x = int(round(top[0] + (y - top[1]) * slope))
        if not 0 <= x < w or not solid[y, x]:
            if sides[0]:
                break
            continue
        for side, run in enumerate((solid[y, x:], solid[y, x::-1])):
            end = int(np.argmin(run)) if not run.all() else len(run)
            beyond = x + end if side == 0 else x - end
            sides[side].append(np.nan if 0 <= beyond < w and ahead[y, beyond] else float(end))
    half = max(1, int(shoulder_width * SIDE_RAGGED_SPAN / 2))
    if len(sides[0]) < 2 * half + 1:
        return None
    strays = []
    for ends in sides:
        edge = np.asarray(ends, np.float64)
        read = ~np.isnan(edge)
        if not read.any():
            continue
        rows = np.arange(len(edge))
        edge = np.interp(rows, rows[read], edge[read])
        padded = np.pad(edge, half, mode="edge")
        median = np.median(np.lib.stride_tricks.sliding_window_view(padded, 2 * half + 1), axis=1)
        strays.append((edge - median)[read])
    if not strays:
        return None
    stray = np.concatenate(strays)
    return 1000.0 * float(np.sqrt(np.mean(stray**2))) / max(shoulder_width, 1.0)


def armpit_hole(
    image: NDArray[np.uint8], cover: NDArray[np.floating[Any]], armpits: Sequence[Point], shoulder_width: float
) -> float | None:
    """The largest dark spot inside the garment round the `armpits` (see ARMPIT_DISC and
    ARMPIT_STEP): a product photo's crease where the sleeve parts from the body, or the
    old garment seen between the sleeve and the panel, reads as a hole under the arm.
    In thousandths of a square shoulder width; None with no garment round the armpits."""
    h, w = cover.shape[:2]
    radius = ARMPIT_DISC * shoulder_width
    sigma = max(1.0, ARMPIT_BLUR * shoulder_width)
    solid = np.asarray(cover) > 0.5
    rows, cols = np.flatnonzero(solid.any(axis=1)), np.flatnonzero(solid.any(axis=0))
    if not len(rows):
        return None
    garment = slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1)
    floor = float(np.percentile(_shade(image[garment], solid[garment], sigma)[solid[garment]], ARMPIT_DARKEST))
    largest: float | None = None
    for point in armpits:
        x, y = float(point[0]), float(point[1])
        x0, y0 = max(0, int(x - radius)), max(0, int(y - radius))
        x1, y1 = min(w, int(x + radius) + 1), min(h, int(y + radius) + 1)
        if x1 - x0 < 5 or y1 - y0 < 5:
            continue
        yy, xx = np.ogrid[y0:y1, x0:x1]
        disc = np.hypot(xx - x, yy - y) <= radius
        on = (np.asarray(cover[y0:y1, x0:x1]) > 0.5) & disc
        if np.count_nonzero(on) < 0.3 * np.count_nonzero(disc):
            continue
        shade = _shade(image[y0:y1, x0:x1], on, sigma)
        dark = (on & (shade < min(float(np.median(shade[on])) - ARMPIT_STEP, floor))).astype(np.uint8)
        count, labels, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
        rim = ~cv2.erode(disc.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
        touching = np.unique(labels[rim & (dark > 0)])
        areas = [int(stats[i, cv2.CC_STAT_AREA]) for i in range(1, count) if i not in touching]
        spot = 1000.0 * max(areas, default=0) / max(shoulder_width**2, 1.0)
        largest = spot if largest is None else max(largest, spot)
    return largest


def _shade(image: NDArray[np.uint8], on: NDArray[np.bool_], sigma: float) -> NDArray[np.float32]:
    """The Lab lightness of `image` blurred over the `on` pixels only (`sigma` px)."""
    lightness = cv2.cvtColor(image.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)[:, :, 0]
    weight = np.maximum(cv2.GaussianBlur(on.astype(np.float32), (0, 0), sigma), 1e-3)
    return cast(NDArray[np.float32], cv2.GaussianBlur(lightness * on, (0, 0), sigma) / weight)


def _axes(shape: tuple[int, ...], top: Point, bottom: Point) -> tuple[NDArray[np.float32], NDArray[np.float32], float]:
    """Per pixel, the position along the midline from `top` (0) to `bottom` (1) and the
    signed distance across it in pixels (positive: the picture's right); and its length."""
    top_, bottom_ = np.asarray(top, np.float64), np.asarray(bottom, np.float64)
    down = bottom_ - top_
    length = float(np.hypot(*down))
    down /= max(length, 1e-6)
    right = np.array([down[1], -down[0]])
    h, w = shape[:2]
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    dx, dy = xs - np.float32(top_[0]), ys - np.float32(top_[1])
    along = (dx * np.float32(down[0]) + dy * np.float32(down[1])) / np.float32(max(length, 1e-6))
    across = dx * np.float32(right[0]) + dy * np.float32(right[1])
    return along, across, length


def asymmetry(cover: NDArray[np.floating[Any]], top: Point, bottom: Point, half_width: float) -> float | None:
    """How unevenly the garment lies either side of the midline from `top` to `bottom`
    (shoulder and hip midpoints for a top), within `half_width` of it: |left - right|
    over left + right, 0 for a garment centred on the body, 1 for one all to one side."""
    along, across, _ = _axes(cover.shape, top, bottom)
    band = (along >= 0.1) & (along <= 1.0) & (np.abs(across) <= half_width) & (cover > 0.5)
    left, right = np.count_nonzero(band & (across < 0)), np.count_nonzero(band & (across > 0))
    if left + right < 50:
        return None
    return abs(left - right) / (left + right)


def _nearest(lab: NDArray[Any], colours: NDArray[Any]) -> NDArray[np.float32]:
    """The ΔE (CIE 1976) from each pixel of `lab` (CIE Lab, last axis) to the nearest of
    `colours` (rows of CIE Lab), infinite where none is given: the one reading behind the
    checks that ask whether a pixel is still some garment's or the backdrop's colour."""
    known = np.asarray(colours, np.float32).reshape(-1, 3)
    if len(known) == 0:
        return np.full(np.shape(lab)[:-1], np.inf, np.float32)
    return np.asarray(np.linalg.norm(lab[..., None, :] - known, axis=-1).min(axis=-1), np.float32)


def old_colour_left(
    image: NDArray[np.uint8],
    region: Mask,
    old_colours: NDArray[np.floating[Any]],
    new_colours: NDArray[np.floating[Any]],
    tolerance: float = 12.0,
) -> float | None:
    """The share of `region` (where new garment or rebuilt skin belongs) that is still an
    old garment's colour and none of the new garment's (or skin's, passed with them).

    Colours are rows of CIE Lab (L 0..100); a pixel within `tolerance` (ΔE 1976) of a
    colour counts as that colour."""
    inside = np.asarray(region) > 0
    if np.count_nonzero(inside) < 50 or len(old_colours) == 0:
        return None
    lab = cv2.cvtColor(image.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)[inside]
    return float(np.mean((_nearest(lab, old_colours) < tolerance) & ~(_nearest(lab, new_colours) < tolerance)))


def old_colour_bare(
    image: NDArray[np.uint8],
    region: Mask,
    cover: NDArray[np.floating[Any]],
    old_colours: NDArray[np.floating[Any]],
    skin_colours: NDArray[np.floating[Any]],
    tolerance: float = 12.0,
) -> float | None:
    """The share of `region` (the old garment's place, and a band beside the new garment
    over the body) where the new garment is not (`cover` under 0.5), that is still one of
    the old garment's colours (rows of CIE Lab, within `tolerance`) and nearer it than
    any of the skin's. Unlike `old_colour_left` the new garment's colours are not let
    off: where it is not drawn, a white strip beside a white-printed top is the old white
    top left."""
    inside = (np.asarray(region) > 0) & (np.asarray(cover) < 0.5)
    if np.count_nonzero(inside) < 50 or len(old_colours) == 0:
        return None
    lab = cv2.cvtColor(image.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)[inside]
    to_old = _nearest(lab, old_colours)
    return float(np.mean((to_old < tolerance) & (to_old < _nearest(lab, skin_colours))))


def bottom_old_beside(
    image: NDArray[np.uint8],
    region: Mask,
    cover: NDArray[np.floating[Any]],
    old_colours: NDArray[np.floating[Any]],
    skin_colours: NDArray[np.floating[Any]],
    tolerance: float = 12.0,
    against: Mask | None = None,
) -> float | None:
    """The pixels of `region` (the person round a new bottom, less what rightly stays:
    the top left on, the face) where the new bottom is not (`cover` under 0.5) that are
    still one of the old bottom's colours (rows of CIE Lab, within `tolerance`) and
    nearer it than any of the skin's, for each pixel of the new bottom in `region` (in
    `against` where given). Counted against the new bottom, not the region: a block of
    khaki beside a hand is a small share of the legs' broad region, and a large one of
    what a shopper compares it with. None where the new bottom is not there."""
    inside = np.asarray(region) > 0
    drawn = np.count_nonzero((inside if against is None else np.asarray(against) > 0) & (np.asarray(cover) >= 0.5))
    if drawn < 50 or len(old_colours) == 0:
        return None
    share = old_colour_bare(image, inside, cover, old_colours, skin_colours, tolerance)
    if share is None:
        return 0.0
    return share * np.count_nonzero(inside & (np.asarray(cover) < 0.5)) / drawn


def bottom_rim_left(
    photo: NDArray[np.uint8], image: NDArray[np.uint8], cover: NDArray[np.floating[Any]], region: Mask, against: Mask
) -> float | None:
    """The pixels of `region` (the old bottom as the engine finds it on the whole photo at
    full size, less what rightly stays in front: the top left on, the hands and arms,
    what they hold, the face) where the new bottom is not (`cover` under 0.5) and the
    render is still the photo (within `RIM_AS_SHOT`), per pixel of the new bottom in
    `against`. A pale bottom's lit side is paler than any colour read on it, so every
    check by the old bottom's colours missed it, beside the arm at the hips, where a
    shopper looks for the old trousers. None without 50 pixels
    of the new bottom in `against`."""
    drawn = np.count_nonzero((np.asarray(against) > 0) & (np.asarray(cover) >= 0.5))
    if drawn < 50:
        return None
    left = (np.asarray(region) > 0) & (np.asarray(cover) < 0.5)
    if not left.any():
        return 0.0
    step = cv2.absdiff(photo, image).max(axis=2)
    return float(np.count_nonzero(left & (step <= RIM_AS_SHOT))) / drawn


def old_thighs_beside(
    image: NDArray[np.uint8],
    region: Mask,
    cover: NDArray[np.floating[Any]],
    thighs: NDArray[np.floating[Any]],
    skin_colours: NDArray[np.floating[Any]],
    tolerance: float = 12.0,
) -> float | None:
    """`bottom_old_beside` with the old bottom's colours those read on the photo across
    the upper thighs (`thighs`, rows of CIE Lab), less any within `tolerance` of the
    skin's (bare thighs below shorts). The engine's own mask of the old garment misses
    what it took for something else (an old dress's skirt kept with the dress's bodice
    as the top a new bottom leaves on), and so did every check reading it."""
    rows = np.asarray(thighs, np.float32).reshape(-1, 3)
    return bottom_old_beside(
        image, region, cover, rows[_nearest(rows, skin_colours) >= tolerance], skin_colours, tolerance
    )


def inseam_left(
    image: NDArray[np.uint8],
    cover: NDArray[np.floating[Any]],
    region: Mask,
    backdrop: NDArray[np.floating[Any]],
    person_colours: NDArray[np.floating[Any]],
) -> float | None:
    """The pixels of `region` (the legs' zone below the crotch, less the hands, arms and
    top in front) between the new bottom's first and last pixel of their row (`cover`
    0.5 or more) where it is not, that are within `INSEAM_NEAR` of one of the person's
    colours (rows of CIE Lab: the skin's, the old bottom's) and nearer it than the
    photo's `backdrop` (CIE Lab), per pixel of the new bottom in `region`. Between two
    legs lies the backdrop or the other leg: a strip of the old trousers or of rebuilt
    skin there is what a shopper sees first. None without 50 pixels of the new bottom."""
    inside = np.asarray(region) > 0
    covered = inside & (np.asarray(cover) >= 0.5)
    drawn = np.count_nonzero(covered)
    if drawn < 50 or len(person_colours) == 0:
        return None
    w = covered.shape[1]
    any_row = covered.any(axis=1)
    first = np.where(any_row, np.argmax(covered, axis=1), w)
    last = np.where(any_row, w - 1 - np.argmax(covered[:, ::-1], axis=1), -1)
    cols = np.arange(w)[None, :]
    between = inside & ~covered & (cols > first[:, None]) & (cols < last[:, None])
    if not between.any():
        return 0.0
    lab = cv2.cvtColor(image.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)[between]
    to_person = _nearest(lab, person_colours)
    to_backdrop = np.linalg.norm(lab - np.asarray(backdrop, np.float32).reshape(1, 3), axis=1)
    left = (to_person < INSEAM_NEAR) & (to_person < to_backdrop)
    return float(np.count_nonzero(left)) / drawn


def crotch_wedge(
    image: NDArray[np.uint8],
    cover: NDArray[np.floating[Any]],
    region: Mask,
    backdrop: NDArray[np.floating[Any]],
    cloth: NDArray[np.floating[Any]],
) -> float | None:
    """The pixels of `region` (a band down the middle between the legs, below the crotch)
    the new bottom covers (`cover` 0.5 or more) in the product photo's `backdrop` colour
    (CIE Lab), lit or in shade, within `WEDGE_NEAR` of it and `WEDGE_APART` nearer it
    than any of the garment's own colours (`cloth`, rows of CIE Lab), per pixel of the
    new bottom in `region`. Between a bottom's legs lies the person's backdrop or the
    other leg; a pale or grey wedge there is the product photo's backdrop, seen between
    its legs and cut out as cloth. None without 50 pixels of the new bottom there."""
    covered = (np.asarray(region) > 0) & (np.asarray(cover) >= 0.5)
    drawn = np.count_nonzero(covered)
    if drawn < 50:
        return None
    whole = np.asarray(cv2.cvtColor(image.astype(np.float32) / 255, cv2.COLOR_RGB2LAB), np.float32)
    lightness = np.ascontiguousarray(whole[:, :, 0], np.float32)
    mean = cv2.blur(lightness, (1, 5))
    spread = np.sqrt(np.maximum(cv2.blur(lightness * lightness, (1, 5)) - mean * mean, 0))[covered]
    lab = whole[covered]
    ground = np.asarray(backdrop, np.float32).reshape(3)
    shade = np.hypot(np.hypot(lab[:, 1] - ground[1], lab[:, 2] - ground[2]), np.maximum(lab[:, 0] - ground[0], 0))
    to_cloth = _nearest(lab, cloth)
    wedge = (shade < WEDGE_NEAR) & (to_cloth > shade + WEDGE_APART) & (spread <= WEDGE_FLAT)
    return float(np.count_nonzero(wedge)) / drawn


def legs_one_column(
    image: NDArray[np.uint8], cover: NDArray[np.floating[Any]], knees: Sequence[NDArray[np.floating[Any]]], width: float
) -> float | None:
    """The share of rows at the knees (`KNEE_BAND` shoulder widths `width` either side of
    the line between the two `knees`, (x, y) points) in which new trousers (`cover` 0.5
    or more) show one column of cloth: in the middle half between the knees they cover
    every pixel and their lightness has no dip of `SEAM_DIP` (the inseam where two legs
    meet). Trousers are two legs: drawn on legs that stand together as one slab, wide
    jeans read as a long denim skirt. None where they cover no row across the knees."""
    h, w = cover.shape[:2]
    (x0, y0), (x1, y1) = sorted((float(p[0]), float(p[1])) for p in knees)
    span = x1 - x0
    reach = max(span / 4, KNEE_MIDDLE * width)
    side = max(2, int(round(SEAM_SIDE * width)))
    mid_x, mid_y = (x0 + x1) / 2, (y0 + y1) / 2
    band = int(round(KNEE_BAND * width))
    top, bottom = max(int(mid_y) - band, 0), min(int(mid_y) + band + 1, h)
    left, right = int(np.floor(mid_x - reach)), int(np.ceil(mid_x + reach)) + 1
    if bottom <= top or left - 2 * side < 0 or right + 2 * side > w:
        return None
    covered = np.asarray(cover[top:bottom], np.float32) >= 0.5
    across = covered[:, int(round(x0))] & covered[:, int(round(x1))]
    if not across.any():
        return None
    lab = cv2.cvtColor(image[top:bottom].astype(np.float32) / 255, cv2.COLOR_RGB2LAB)
    lightness = cv2.blur(np.ascontiguousarray(lab[:, :, 0]), (1, max(3, int(KNEE_ROWS * width))))
    cols = np.arange(left, right)
    at = lightness[:, cols]
    before = np.mean([lightness[:, cols - d] for d in range(side, 2 * side + 1)], axis=0)
    after = np.mean([lightness[:, cols + d] for d in range(side, 2 * side + 1)], axis=0)
    dip = (np.minimum(before, after) - at).max(axis=1)
    gap = ~covered[:, left:right].all(axis=1)
    one = across & ~gap & (dip < SEAM_DIP)
    return float(np.count_nonzero(one)) / float(np.count_nonzero(across))


def bottom_short(hem: float | None, ankles: float, length: float) -> float | None:
    """How far (torso `length`s) a full-length bottom's `hem` row ends above the `ankles`'
    row (the lower ankle's): positive when short. None without a hem."""
    if hem is None or length <= 0:
        return None
    return (ankles - hem) / length


def bottom_to_edge(
    cover: NDArray[np.floating[Any]],
    let_off: NDArray[np.bool_],
    hips: Sequence[Point],
    knees: Sequence[Point],
    length: float,
) -> float | None:
    """The share of the photo's bottom `EDGE_BAND` across the thighs (`EDGE_THIGH` torso
    `length`s either side of each hip-to-knee line) that the new garment (`cover`) leaves
    uncovered, less `let_off` (hands, forearms, a kept top in front): a garment reaching
    the knees must run on to the edge of a photo cut above them. The gap between trouser
    legs is not read. None where a knee lies inside the photo or nothing is read."""
    h, w = cover.shape[:2]
    if len(hips) < 2 or len(knees) < 2 or length <= 0 or min(float(p[1]) for p in knees) < h:
        return None
    rows = max(2, round(EDGE_BAND * length))
    band = np.zeros((h, w), bool)
    half = EDGE_THIGH * length
    for hip, knee in zip(hips, knees, strict=True):
        drop = max(float(knee[1]) - float(hip[1]), 1.0)
        x = float(hip[0]) + (float(knee[0]) - float(hip[0])) * (h - 1 - float(hip[1])) / drop
        band[h - rows :, int(max(0, x - half)) : int(min(w, x + half + 1))] = True
    band &= ~let_off
    if np.count_nonzero(band) < 20:
        return None
    return float(np.count_nonzero(band & (np.asarray(cover) <= 0.5)) / np.count_nonzero(band))


def hem_past_ankles(
    cover: NDArray[np.floating[Any]], ankles: Sequence[Point], shoulder_width: float, length: float
) -> float | None:
    """How far (torso `length`s) below the lower of the `ankles` a bottom's or a dress's
    lowest row reaches across the feet's columns (their span, widened by 0.3 shoulder
    widths): a hem ends at the ankles, and one further down covers the shoes. None
    without both ankles in the photo or without garment there."""
    h, w = cover.shape[:2]
    if len(ankles) < 2 or length <= 0:
        return None
    low = max(float(p[1]) for p in ankles)
    if low >= h:
        return None
    x0 = int(max(0, min(float(p[0]) for p in ankles) - shoulder_width * 0.3))
    x1 = int(min(w, max(float(p[0]) for p in ankles) + shoulder_width * 0.3 + 1))
    rows = np.flatnonzero((np.asarray(cover)[:, x0:x1] > 0.5).any(axis=1))
    return (float(rows[-1]) - low) / length if len(rows) else None


def hem_above_shoes(
    cover: NDArray[np.floating[Any]], ankles: Sequence[Point], shoulder_width: float, length: float
) -> float | None:
    """How far (torso `length`s) below the lower of the `ankles` a long skirt's or dress's
    hem reaches across the feet's columns (`hem_past_ankles`): ended at the ankle joints
    or above, it bared a strip of ankle above the shoes that the old trousers or long hem
    had hidden, rebuilt as a smear. None for a hem further than `HEM_SHOES_BAND` above
    the ankles (a midi or a mini bares the shins by design), or where that does not read."""
    value = hem_past_ankles(cover, ankles, shoulder_width, length)
    return None if value is None or value < -HEM_SHOES_BAND else value


def skin_toned_left(
    image: NDArray[np.uint8],
    region: Mask,
    old_colours: NDArray[np.floating[Any]],
    skin_colour: NDArray[np.floating[Any]],
) -> float | None:
    """The share of `region` (the band beside the new garment, over any of the person)
    still in a skin-coloured old garment's colour (`TONED_HUE`): within `TONED_NEAR` of
    one of its colours (rows of CIE Lab, the main one first) and of its tint rather than
    the skin's (`skin_colour`, CIE Lab). `old_colour_bare` asks only which of the two is
    nearer in plain Lab, where a pink shirt's strip beside a pink arm is a coin toss, and
    reads only where the person mask is solid: the strip between an arm and the body is
    not. None for any other old garment, or a region under 50 pixels."""
    inside = np.asarray(region) > 0
    if np.count_nonzero(inside) < 50 or len(old_colours) == 0:
        return None
    old = np.asarray(old_colours, np.float32).reshape(-1, 3)
    skin = np.asarray(skin_colour, np.float32).reshape(3)
    main = old[0]
    hue = float(np.hypot(*(main[1:] - skin[1:])))
    if not TONED_APART <= hue < TONED_HUE or float(np.hypot(*main[1:])) < TONED_CHROMA:
        return None
    lab = np.asarray(cv2.cvtColor(image.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)[inside], np.float32)

    def tint(colours: NDArray[np.float32]) -> NDArray[np.float32]:
        return np.asarray(colours[..., 1:] / (colours[..., :1] + 16), np.float32)

    near = _nearest(lab, old) < TONED_NEAR
    own = tint(lab)
    to_old = np.linalg.norm(own - tint(main), axis=1)
    to_skin = np.linalg.norm(own - tint(skin), axis=1)
    return float(np.mean(near & (to_old < TONED_NEARER * to_skin)))


def old_sliver(
    image: NDArray[np.uint8],
    cover: NDArray[np.floating[Any]],
    old: Mask,
    person: NDArray[np.floating[Any]],
    old_colours: NDArray[np.floating[Any]],
    skin_colours: NDArray[np.floating[Any]],
    width: int,
    tolerance: float = 12.0,
) -> float | None:
    """The share of a band `width` pixels wide just beside the new garment's sides
    (`cover` 0.5; along the rows, so not below its hem or above its shoulders, which
    `old_colour_bare` reads), where the old garment was (its mask grown by `width`) and
    the person mask holds any of the person (over `SLIVER_PERSON`), that is still one of
    the old garment's colours (rows of CIE Lab, within `tolerance`) and nearer it than
    any of the skin's. A strip or flecks of the old top a few pixels wide between the
    new panel and the arm are a tiny share of `old_colour_bare`'s broad region; here
    they are most of a narrow one."""
    solid = (np.asarray(cover) > 0.5).astype(np.uint8)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * width + 1, 2 * width + 1))
    was = cv2.dilate((np.asarray(old) > 0.5).astype(np.uint8), kernel) > 0
    beside = cv2.dilate(solid, np.ones((1, 2 * width + 1), np.uint8)) > 0
    band = beside & (solid == 0) & was & (np.asarray(person) > SLIVER_PERSON)
    if np.count_nonzero(band) < 50 or len(old_colours) == 0:
        return None
    return old_colour_bare(image, band, cover, old_colours, skin_colours, tolerance)


def arm_rim(
    image: NDArray[np.uint8], arm: Mask, rebuilt: Mask, old: Mask, cover: NDArray[np.floating[Any]], width: int
) -> float | None:
    """The share of the rim just beside the person's own kept arm (`arm`: within `width`
    pixels of it, off it), where the old garment was (`old`), the new one is not (`cover`
    under half: a black tee is greyer than any arm) and next to rebuilt skin (`rebuilt`,
    within `width`), that is pale and grey: its chroma (Lab a, b) under
    `ARM_RIM_GREY` of the arm's own there (the median over the arm's pixels within `width`
    of the rim). The old white top's edge left along the arm, or the rebuild's soft
    fall-off keeping part of it, is a pale grey line down the arm's side between it and
    the rebuilt torso; `old_sliver` reads beside the new garment, a few pixels off. None
    where too little of either shows."""
    own = np.asarray(arm) > 0
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * width + 1, 2 * width + 1))
    skin = cv2.dilate((np.asarray(rebuilt) > 0.5).astype(np.uint8), kernel) > 0
    rim = (cv2.dilate(own.astype(np.uint8), kernel) > 0) & ~own & skin & (np.asarray(old) > 0.5)
    rim &= np.asarray(cover) < 0.5
    if np.count_nonzero(rim) < ARM_RIM_LEAST:
        return None
    beside = own & (cv2.dilate(rim.astype(np.uint8), kernel) > 0)
    if np.count_nonzero(beside) < ARM_RIM_LEAST:
        return None
    lab = cv2.cvtColor(image.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)
    chroma = np.hypot(lab[:, :, 1], lab[:, :, 2])
    reference = float(np.median(chroma[beside]))
    return float(np.mean(chroma[rim] < ARM_RIM_GREY * reference))


def arm_rim_kept(
    image: NDArray[np.uint8],
    original: NDArray[np.uint8],
    arm: Mask,
    old: Mask,
    cover: NDArray[np.floating[Any]],
    width: int,
    sides: Mask | None = None,
) -> float | None:
    """The share of the rim just beside the person's own arm (`arm`: within `width`
    pixels of it, off it), on the old garment's place or its edge (`old` over half within
    `width`), off the new garment (`cover` under half) and in `sides` where given (the
    torso's height between the armpits and the hips), that is left as shot (within
    `ARM_RIM_KEPT_SAME` of `original`) and paler or greyer than the arm beside it (its
    median over the arm's pixels within `width` of the rim): lighter by
    `ARM_RIM_KEPT_LIGHTER` with under `ARM_RIM_GREY` of its chroma, or no darker than
    `ARM_RIM_KEPT_DARKER` below it with under `ARM_RIM_KEPT_GREY`. The old white top's
    edge or shaded side kept with the arm's widened mask stands as white flecks and lines
    down the arm beside the new top; `arm_rim` reads the rim only next to rebuilt skin,
    and the old garment's mask, found at half size, misses most of it. Above the armpits
    the rim is the shoulder's own soft outline against the wall, and below a long
    sleeve's cuff the wrist's; read there, they passed for the old top's rim. None where
    too little of either shows. The arm is read where the new garment leaves it bare: a
    long sleeve over it holds no rim of the old top, only the wall beside the sleeve."""
    own = (np.asarray(arm) > 0) & (np.asarray(cover) < 0.5)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * width + 1, 2 * width + 1))
    was = cv2.dilate((np.asarray(old) > 0.5).astype(np.uint8), kernel) > 0
    rim = (cv2.dilate(own.astype(np.uint8), kernel) > 0) & ~own & was & (np.asarray(cover) < 0.5)
    if sides is not None:
        rim &= np.asarray(sides) > 0
    if np.count_nonzero(rim) < ARM_RIM_LEAST:
        return None
    beside = own & (cv2.dilate(rim.astype(np.uint8), kernel) > 0)
    if np.count_nonzero(beside) < ARM_RIM_LEAST:
        return None
    lab = cv2.cvtColor(image.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)
    light = lab[:, :, 0] * np.float32(255 / 100)
    chroma = np.hypot(lab[:, :, 1], lab[:, :, 2])
    own_light, own_chroma = float(np.median(light[beside])), float(np.median(chroma[beside]))
    paler = (light > own_light + ARM_RIM_KEPT_LIGHTER) & (chroma < ARM_RIM_GREY * own_chroma)
    greyer = (light > own_light - ARM_RIM_KEPT_DARKER) & (chroma < ARM_RIM_KEPT_GREY * own_chroma)
    kept = np.abs(image.astype(np.int16) - original.astype(np.int16)).max(axis=2) <= ARM_RIM_KEPT_SAME
    return float(np.mean((kept & (paler | greyer))[rim]))


def below_hem(
    image: NDArray[np.uint8],
    region: Mask,
    bottom_colours: NDArray[np.floating[Any]],
    backdrop_colours: NDArray[np.floating[Any]],
    tolerance: float = BELOW_HEM_TOLERANCE,
) -> float | None:
    """The share of `region` (where a long old top hung below the hips, and neither the
    new top nor rebuilt skin is) whose colour is none of the bottom's (the trousers or
    skirt below the old top's hem, rows of CIE Lab) nor the backdrop's, within
    `tolerance`: there the trousers go on up, with the backdrop beside them. A band of
    the old top left below a shorter new top, or a skin-coloured block inpainted from
    the arms and hands round a coat's place, is neither; `old_colour_left` misses the
    block (no old colour is left) and `old_colour_bare` does not look below the hips."""
    inside = np.asarray(region) > 0
    if np.count_nonzero(inside) < 50 or len(bottom_colours) == 0:
        return None
    lab = cv2.cvtColor(image.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)[inside]
    known = np.vstack(
        [np.asarray(bottom_colours, np.float32).reshape(-1, 3), np.asarray(backdrop_colours, np.float32).reshape(-1, 3)]
    )
    return float(np.mean(_nearest(lab, known) >= tolerance))


def _down_over_across(light: NDArray[np.float32], inside: NDArray[np.bool_]) -> float | None:
    """How much the lightness changes from each pixel of `inside` to the one below it
    over how much it changes to the one beside it (each step capped at
    `STREAK_STEP_CAP`); None for too few pairs."""
    down_pairs = inside[1:] & inside[:-1]
    across_pairs = inside[:, 1:] & inside[:, :-1]
    if min(np.count_nonzero(down_pairs), np.count_nonzero(across_pairs)) < STREAK_MIN_PAIRS:
        return None
    down = np.minimum(np.abs(np.diff(light, axis=0))[down_pairs], STREAK_STEP_CAP)
    across = np.minimum(np.abs(np.diff(light, axis=1))[across_pairs], STREAK_STEP_CAP)
    return float(np.mean(down)) / max(float(np.mean(across)), 1e-3)


def bottom_streaks(image: NDArray[np.uint8], region: Mask, bottom: Mask) -> float | None:
    """How much less the rebuilt trousers or skirt over a long old top's place below the
    hips (`region`) change in lightness down their columns, against across them, than
    the person's own bottom just below its hem (`bottom`): 1 where the rebuilt cloth is
    as even as the real one. A fill carried straight up each column from the hem (each
    column one colour, or the hem's few rows stretched up) reads as vertical streaks, a
    ribbed slab from the hips down, and scores far below 1; `below_hem` passes it, its
    colours being the trousers'."""
    inside, below = np.asarray(region) > 0, np.asarray(bottom) > 0
    ys, xs = np.nonzero(inside | below)
    if not len(ys):
        return None
    # Read in the box round both places only.
    box = slice(int(ys.min()), int(ys.max()) + 1), slice(int(xs.min()), int(xs.max()) + 1)
    light = _luminance(np.ascontiguousarray(image[box]))
    rebuilt = _down_over_across(light, inside[box])
    own = _down_over_across(light, below[box])
    if rebuilt is None or own is None:
        return None
    return rebuilt / max(own, 1e-3)


def dress_legs_left(
    image: NDArray[np.uint8],
    photo: NDArray[np.uint8],
    region: Mask,
    own_skin: Mask,
    rebuilt: Mask,
    backdrop_colours: NDArray[np.floating[Any]],
    tolerance: float = BELOW_HEM_TOLERANCE,
) -> float | None:
    """The share of `region` (the person below a new dress's hem and the crotch, above the
    ankles, found on the photo) that the render shows as neither legs nor backdrop: not
    rebuilt skin (`rebuilt`), not the person's own skin left as shot (`own_skin` in
    `photo`, unchanged), and not within `tolerance` (ΔE) of the backdrop's colours. The
    old dress's hem band below the knees, the old trousers or a skin-coloured wedge
    inpainted between the thighs are each of them none."""
    inside = np.asarray(region) > 0
    if np.count_nonzero(inside) < 50:
        return None
    legs = (np.asarray(rebuilt) > 0) | ((np.asarray(own_skin) > 0) & np.all(image == photo, axis=2))
    lab = cv2.cvtColor(image.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)[inside]
    clear = _nearest(lab, backdrop_colours) < tolerance
    return float(np.mean(~(legs[inside] | clear)))


def bare_legs_changed(image: NDArray[np.uint8], photo: NDArray[np.uint8], legs: Mask) -> float | None:
    """The share of `legs` (the person's bare legs as the photo shows them, below a new
    dress and clear of its soft edge) that the render moved by more than `BARE_LEG_MOVED`
    (ΔE): bare thighs in a beige skirt's shade taken for the skirt, and shins beside
    them, redrawn as flat, notched blocks below a new dress. None under 50 pixels."""
    return _moved_share(image, photo, legs)


def bottom_redrawn(image: NDArray[np.uint8], photo: NDArray[np.uint8], bottom: Mask) -> float | None:
    """The share of `bottom` (the old bottom as shot, below the hips, clear of a new
    top's soft edge) that the render moved by more than `BARE_LEG_MOVED` (ΔE): a new top
    changes nothing of the trousers it does not cover, and black trousers taken into a
    striped shirt's long hem were redrawn as a skin blob and mirrored chevrons. None
    under 50 pixels."""
    return _moved_share(image, photo, bottom)


def bottom_sides_redrawn(image: NDArray[np.uint8], photo: NDArray[np.uint8], sides: Mask) -> float | None:
    """The share of `sides` (the old bottom as shot beside the hip joints, from the waist
    down, clear of a new top's soft edge) that the render moved by more than
    `BARE_LEG_MOVED` (ΔE): the jeans' sides under a hanging arm taken for the old top's
    sleeve were redrawn below the new top's hem as ragged, mirrored denim with blocks of
    backdrop or skin. None under 50 pixels."""
    return _moved_share(image, photo, sides)


def bottom_print_redrawn(image: NDArray[np.uint8], photo: NDArray[np.uint8], bottom: Mask) -> float | None:
    """The share of `bottom` (the old bottom's print as shot, from the waist down, clear
    of a new top's soft edge) that the render moved by more than `BARE_LEG_MOVED` (ΔE):
    a new top changes nothing of the skirt it does not cover, and a zebra skirt whose
    white is a white tee's colour was rebuilt whole as skin and debris. Every colour of
    the print is read, the top's too: `bottom_redrawn` reads only the bottom's own. None
    under 50 pixels."""
    return _moved_share(image, photo, bottom)


def _moved_share(image: NDArray[np.uint8], photo: NDArray[np.uint8], place: Mask) -> float | None:
    """The share of `place` the render moved from the photo by more than
    `BARE_LEG_MOVED` (Lab ΔE); None under 50 pixels."""
    inside = np.asarray(place) > 0
    if np.count_nonzero(inside) < 50:
        return None
    drawn = cv2.cvtColor(image.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)[inside]
    shot = cv2.cvtColor(photo.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)[inside]
    moved = np.sum((drawn - shot) ** 2, axis=1) > BARE_LEG_MOVED**2
    return float(np.mean(moved))


def print_left(
    image: NDArray[np.uint8], photo: NDArray[np.uint8], place: Mask, region: Mask, width: float
) -> float | None:
    """The share of `region` (an old garment's `place` on the photo with its holes closed,
    less the new garment, the face and the hands) where both `photo` and the render are
    busy (`_busy`, `width` the torso's): a print the engine took only in part, its other
    colours left or ghosted through rebuilt legs. Rebuilt skin and backdrop are not busy.
    None where the old garment is not a print (under `PRINT_LEFT_PRINTED` of `place` busy
    on the photo), or for a region under 50 pixels."""
    inside = np.asarray(region) > 0
    where = np.asarray(place) > 0
    if np.count_nonzero(inside) < 50 or not where.any():
        return None
    shot = _busy(photo, width)
    if np.mean(shot[where]) < PRINT_LEFT_PRINTED:
        return None
    return float(np.mean((shot & _busy(image, width))[inside]))


def old_print_by_hand(
    image: NDArray[np.uint8],
    photo: NDArray[np.uint8],
    cover: NDArray[np.floating[Any]],
    hands: Mask,
    skin: Mask,
    width: float,
) -> float | None:
    """The share of the holes a hand leaves in the new garment where the render is still
    the photo's print: the holes are the pose's `hands` discs off the new garment (`cover`
    0.5) with it both above and below in their column, less the hand itself (the pieces of
    the photo's `skin` there over `HAND_PRINT_PIECE` of the disc, their gaps closed over a
    window, and half a window round them: the fingers, the shade between them and the
    hand's own rim, mixed with what is behind it); of them, the pixels left as shot
    (`UNCHANGED_BY`) where `photo` is busy (`_busy`, `width` the torso's, its rims opened
    away, then a window's width in from its edge: a print's breadth). A print's pink or
    tan cells taken for the hand were kept in front with it, a patch of the old clothes on
    the new garment; `print_left` leaves the hands out. None for holes under 50 pixels."""
    discs = np.asarray(hands) > 0
    side = max(3, int(width * PRINT_LEFT_WINDOW) | 1)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(
        ((np.asarray(skin) > 0) & discs).astype(np.uint8), connectivity=4
    )
    big = stats[:, cv2.CC_STAT_AREA] >= HAND_PRINT_PIECE * max(np.count_nonzero(discs), 1)
    big[0] = False
    square = np.ones((side, side), np.uint8)
    hand = cv2.dilate(cv2.morphologyEx(big[labels].astype(np.uint8), cv2.MORPH_CLOSE, square), square) > 0
    solid = np.asarray(cover) > 0.5
    above = np.logical_or.accumulate(solid, axis=0)
    below = np.logical_or.accumulate(solid[::-1], axis=0)[::-1]
    holes = above & below & ~solid & discs & ~hand
    if np.count_nonzero(holes) < 50:
        return None
    same = cv2.absdiff(image, photo).max(axis=2) <= UNCHANGED_BY
    busy = cv2.erode(_busy(photo, width).astype(np.uint8), square) > 0
    return float(np.mean((same & busy)[holes]))


def _busy(image: NDArray[np.uint8], width: float) -> NDArray[np.bool_]:
    """Where a window's colours spread over `PRINT_LEFT_SPREAD` round their mean, less the
    rim a window wide round any edge (opened away): a print's breadth, not an outline."""
    side = max(3, int(width * PRINT_LEFT_WINDOW) | 1)
    lab = np.asarray(cv2.cvtColor(image, cv2.COLOR_RGB2LAB), np.float32)
    spread = np.zeros(lab.shape[:2], np.float32)
    for channel, weight in enumerate((0.4, 1.0, 1.0)):
        values = np.ascontiguousarray(lab[..., channel], dtype=np.float32)
        mean = cv2.blur(values, (side, side))
        spread += weight * np.maximum(cv2.blur(values * values, (side, side)) - mean * mean, 0)
    busy = (spread > PRINT_LEFT_SPREAD**2).astype(np.uint8)
    rim = max(3, int(side * 1.5) | 1)
    return cv2.morphologyEx(busy, cv2.MORPH_OPEN, np.ones((rim, rim), np.uint8)) > 0


def coat_skirt_left(image: NDArray[np.uint8], photo: NDArray[np.uint8], region: Mask) -> float | None:
    """The share of `region` (a long old coat's skirt below the hips, down to its hem,
    found on the photo, not on the engine's own old-garment mask, less the new top and
    the hands) left as it was in `photo`. Missed by the engine, the skirt is in no
    old-garment mask, so `old_colour_left` and `below_hem` never read it: under every new
    top it hung down to the shins, untouched."""
    return _left_as_in_photo(image, photo, region)


def coat_panel_left(image: NDArray[np.uint8], photo: NDArray[np.uint8], region: Mask) -> float | None:
    """The share of `region` (an open coat's, jacket's or cardigan's panels and sleeves
    beside the new top, found on the photo by the sleeves' colour where the chest shows
    another, less the new top and the hands) left as it was in `photo`. Read across the
    chest, the top under the coat was the old garment: the coat's panels swinging out
    beside the hips and its skirt over the thighs were in no old-garment mask, so
    `old_colour_left` and `old_colour_bare` never read them, and they hung beside every
    new top."""
    return _left_as_in_photo(image, photo, region)


def outer_coat_cut(image: NDArray[np.uint8], photo: NDArray[np.uint8], region: Mask) -> float | None:
    """The share of `region` (an open coat worn over a top, found on the photo, less the
    face and the hands) that the render changed from `photo`, some channel by more than
    `COAT_SKIRT_SAME`. A coat of the skin's colour passes for skin, so no old-garment
    mask read it: every new top was pasted over its upper half with the skirt left below
    (the coat cut in two); a coat of another colour was taken as the old top and removed.
    Kept as the outer layer, none of it changes.
    None for a region under 50 pixels."""
    left = _left_as_in_photo(image, photo, region)
    return None if left is None else 1.0 - left


def _left_as_in_photo(image: NDArray[np.uint8], photo: NDArray[np.uint8], region: Mask) -> float | None:
    """The share of `region` where `image` is `photo`'s, each channel within
    `COAT_SKIRT_SAME`; None for a region under 50 pixels."""
    inside = np.asarray(region) > 0
    if np.count_nonzero(inside) < 50:
        return None
    moved = np.abs(image[inside].astype(np.int16) - photo[inside].astype(np.int16)).max(axis=1)
    return float(np.mean(moved <= COAT_SKIRT_SAME))


def old_hem_left(image: NDArray[np.uint8], region: Mask, step: int, least: float) -> float | None:
    """The share of `region`'s columns (the rows round an old top's hem line over bottoms
    of its colour, found on the photo, less the new top's edge, the face and the hands)
    where the render still steps in lightness (OpenCV's 8-bit L, over `2 * step` rows)
    by `least` or more: the old hem left as a line below a shorter new top. The top and
    bottoms are one colour, so `old_colour_bare` and `below_hem` read the old band as
    the bottoms, and pass it."""
    inside = np.asarray(region) > 0
    columns = inside.any(axis=0)
    if np.count_nonzero(columns) < 10 or inside.shape[0] <= 2 * step:
        return None
    light = cv2.cvtColor(image, cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32)
    rise = np.zeros_like(light)
    rise[step:-step] = np.abs(light[2 * step :] - light[: -2 * step])
    stepped = ((rise >= least) & inside).any(axis=0)
    return float(np.count_nonzero(stepped & columns) / np.count_nonzero(columns))


def old_outline(image: NDArray[np.uint8], old: Mask, refilled: Mask, width: int) -> float | None:
    """The share of the old garment's outline (`width` pixels either side of its mask's
    edge) that is `refilled` from the backdrop and still shows as a thin line: darker or
    lighter by `OUTLINE_STEP` than the median round it. A line a few pixels wide stands
    out from that median; a broad area, or a smooth fill, does not."""
    solid = (np.asarray(old) > 0.5).astype(np.uint8)
    kernel = np.ones((2 * width + 1, 2 * width + 1), np.uint8)
    band = (cv2.dilate(solid, kernel) > 0) & (cv2.erode(solid, kernel) == 0) & (np.asarray(refilled) > 0)
    if np.count_nonzero(band) < 50:
        return None
    lum = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    median = cv2.medianBlur(lum, 4 * width + 1)
    off = np.abs(lum.astype(np.float32) - median.astype(np.float32)) > OUTLINE_STEP
    return float(np.mean(off[band]))


def old_rim(
    image: NDArray[np.uint8],
    original: NDArray[np.uint8],
    cover: NDArray[np.floating[Any]],
    old: Mask,
    skin: NDArray[np.floating[Any]],
    person: NDArray[np.floating[Any]],
    width: int,
) -> float | None:
    """The share of the old garment's outline (`width` pixels either side of its mask's
    edge) within `2 * width` of the rebuilt `skin` (over 0.5), off it and off the new
    garment (`cover` under 0.05), where the `person` mask is soft or backdrop (under 0.9),
    whose colour holds over `OLD_RIM_MIX` of the old garment's: the picture there, less
    the photo's backdrop round it (Gaussian mean, clear of the old garment), unmixed by
    least squares into the rebuilt skin's colour round it and the old garment's round it
    (both less the backdrop's). An outline refilled as backdrop or skin holds none; a
    kept line of the old sleeve holds most. Read only where the three colours differ
    enough to unmix (`OLD_RIM_APART`, `OLD_RIM_SKEW`); None with under `OLD_RIM_LEAST`."""
    solid = (np.asarray(old) > 0.5).astype(np.uint8)
    kernel = np.ones((2 * width + 1, 2 * width + 1), np.uint8)
    rebuilt = np.asarray(skin) > 0.5
    near = cv2.dilate(rebuilt.astype(np.uint8), np.ones((4 * width + 1,) * 2, np.uint8)) > 0
    band = (cv2.dilate(solid, kernel) > 0) & (cv2.erode(solid, kernel) == 0) & near & ~rebuilt
    band &= (np.asarray(cover) < 0.05) & (np.asarray(person) < 0.9)
    if np.count_nonzero(band) < OLD_RIM_LEAST:
        return None
    grown = cv2.dilate(solid, np.ones((8 * width + 1,) * 2, np.uint8)) > 0
    backdrop = (np.asarray(person) < 0.1) & ~grown
    sigma = 3.0 * width
    picture, photo = image.astype(np.float32), original.astype(np.float32)
    back = np.dstack([_local_mean(photo[:, :, c], backdrop, 4 * sigma)[band] for c in range(3)])[0]
    tone = np.dstack([_local_mean(picture[:, :, c], rebuilt, sigma)[band] for c in range(3)])[0]
    cloth = np.dstack([_local_mean(photo[:, :, c], solid > 0, sigma)[band] for c in range(3)])[0]
    seen, u, v = picture[band] - back, tone - back, cloth - back
    uu, vv, uv = (u * u).sum(axis=1), (v * v).sum(axis=1), (u * v).sum(axis=1)
    det = uu * vv - uv**2
    readable = (det > OLD_RIM_SKEW * uu * vv) & (vv > OLD_RIM_APART**2)
    if np.count_nonzero(readable) < OLD_RIM_LEAST:
        return None
    mix = (uu * (seen * v).sum(axis=1) - uv * (seen * u).sum(axis=1)) / np.maximum(det, 1e-6)
    return float(np.mean(mix[readable] > OLD_RIM_MIX))


def _local_mean(values: NDArray[np.float32], where: NDArray[np.bool_], sigma: float) -> NDArray[np.float32]:
    """The mean of `values` over `where` round each pixel (Gaussian weights)."""
    weight = cv2.GaussianBlur(where.astype(np.float32), (0, 0), sigma)
    total = cv2.GaussianBlur(values * where, (0, 0), sigma)
    return np.asarray(total / np.maximum(weight, 1e-3), np.float32)


def backdrop_smear(
    image: NDArray[np.uint8], original: NDArray[np.uint8], refilled: Mask, backdrop: Mask, reach: float
) -> float | None:
    """The share of the `refilled` backdrop (edited, outside the person, off the new
    garment) whose colour is further than BACKDROP_STEP from the photo's `backdrop`
    round it (Gaussian mean within `reach`): skin or garment smeared over it."""
    refilled = np.asarray(refilled, bool)
    if np.count_nonzero(refilled) < MIN_BACKDROP_PIXELS:
        return None
    source = np.asarray(backdrop, bool) & ~refilled
    if not source.any():
        return None
    expected = np.dstack([_local_mean(original[:, :, c].astype(np.float32), source, reach) for c in range(3)])
    step = np.abs(image.astype(np.float32) - expected).max(axis=2)
    return float(np.mean(step[refilled] > BACKDROP_STEP))


def loose_fill(
    image: NDArray[np.uint8], original: NDArray[np.uint8], refilled: Mask, backdrop: Mask, reach: float
) -> float | None:
    """`backdrop_smear` inside the person's silhouette: the share of `refilled` (a loose old
    top's place refilled as neither new garment nor skin, beside the arms and under the
    armpits) off the photo's `backdrop` round it, read where that backdrop is near
    enough (`LOOSE_BACKDROP_NEAR`) to say what lies behind. There the backdrop goes on;
    drawn from round the hole, the fill took the old garment's colour still under the
    new one (dark bits of the old sleeve) or smeared skin and garment across it."""
    weight = cv2.GaussianBlur(np.asarray(backdrop, np.float32), (0, 0), reach)
    return backdrop_smear(
        image, original, np.asarray(refilled, bool) & (weight >= LOOSE_BACKDROP_NEAR), backdrop, reach
    )


def bottom_fill(
    image: NDArray[np.uint8], original: NDArray[np.uint8], refilled: Mask, backdrop: Mask, reach: float
) -> float | None:
    """`loose_fill` for the old bottom's place beside a new, narrower one below the hips
    (`refilled`): drawn from round the hole, the fill took the hands' skin (a pink haze
    by them) or the old skirt's rim (its colour back beside the new jeans)."""
    return loose_fill(image, original, refilled, backdrop, reach)


def hip_fill(
    image: NDArray[np.uint8], original: NDArray[np.uint8], refilled: Mask, backdrop: Mask, reach: float
) -> float | None:
    """`loose_fill` for the old garment's place beside a new top's or dress's sides below
    the waist (`refilled`): there the backdrop goes on; the old skirt carried up beside
    the new garment, or blended with the fill, was a grey or pale block cut square."""
    return loose_fill(image, original, refilled, backdrop, reach)


def backdrop_seam(
    image: NDArray[np.uint8], original: NDArray[np.uint8], refilled: Mask, backdrop: Mask, width: int
) -> float | None:
    """The share of the `refilled` backdrop's rim (the refill between `BACKDROP_SEAM_IN`
    times `width` pixels from the photo's kept `backdrop`) whose colour is further than
    `BACKDROP_SEAM_STEP` (largest channel) from the kept backdrop nearest it (its mean
    over `width` pixels, less its grain): a refill that goes on from the backdrop beside
    it meets it without a step; a halo or a block of another colour shows its edge. Only
    the nearest kept pixel is read, so a line in the wall beside the refill (a band's
    edge) does not count. None under `MIN_BACKDROP_PIXELS` rim pixels."""
    refilled = np.asarray(refilled, bool)
    kept = np.asarray(backdrop, bool) & ~refilled
    if not kept.any() or not refilled.any():
        return None
    far, labels = cv2.distanceTransformWithLabels(
        (~kept).astype(np.uint8), cv2.DIST_L2, 3, labelType=cv2.DIST_LABEL_PIXEL
    )
    low, high = BACKDROP_SEAM_IN
    rim = refilled & (far >= low * width) & (far <= high * width)
    if np.count_nonzero(rim) < MIN_BACKDROP_PIXELS:
        return None
    # Each kept pixel's own label, to find the nearest one's place from a rim pixel's.
    place = np.zeros(int(labels.max()) + 1, np.int64)
    place[labels[kept]] = np.flatnonzero(kept)
    nearest = place[labels[rim]]
    photo = original.astype(np.float32)
    expected = np.stack([_local_mean(photo[:, :, c], kept, float(width)).ravel()[nearest] for c in range(3)], axis=1)
    step = np.abs(image[rim].astype(np.float32) - expected).max(axis=1)
    return float(np.mean(step > BACKDROP_SEAM_STEP))


def edge_halo(image: NDArray[np.uint8], cover: NDArray[np.floating[Any]]) -> float | None:
    """The share of the new garment's soft edge (cover 0.1-0.9) lighter by `HALO_STEP`
    than what it should be there: the garment's colour just inside and the picture's
    just outside, blended by the cover. A pale rim is lighter than that blend whether the
    backdrop is dark or light; a lighter-than-both-sides test misses it on a light one."""
    cover = np.asarray(cover, np.float32)
    edge = (cover > 0.1) & (cover < 0.9)
    if np.count_nonzero(edge) < 50:
        return None
    lum = _luminance(image)
    inside = _local_mean(lum, cover >= 0.97, HALO_REACH)
    outside = _local_mean(lum, cover <= 0.01, HALO_REACH)
    expected = cover * inside + (1 - cover) * outside
    return float(np.mean((lum - expected)[edge] > HALO_STEP))


def edge_cut(image: NDArray[np.uint8], cover: NDArray[np.floating[Any]], backdrop: Mask) -> float | None:
    """The share of the new garment's outline against the `backdrop` (pairs of
    neighbouring pixels, one clear of the garment, cover 0.01 or less, on the backdrop,
    the other on the garment's edge) where the picture steps more than `EDGE_CUT_JUMP` of
    the way from the backdrop round it to the garment just inside in that one pixel. A
    garment laid whole up to a line and nothing beyond shows there as a hard, stepped
    and stippled rim; a soft edge fades over two or three pixels. Read where the garment
    and the backdrop differ by `EDGE_CUT_CONTRAST` or more; None with under 50 pairs."""
    cover = np.asarray(cover, np.float32)
    lum = _luminance(image)
    inside = _local_mean(lum, cover >= 0.97, HALO_REACH)
    outside = _local_mean(lum, cover <= 0.01, HALO_REACH)
    clear = (cover <= 0.01) & (np.asarray(backdrop) > 0)
    drawn = cover > 0.01
    pairs, cut = 0, 0
    for edge, off in (
        ((slice(None), slice(1, None)), (slice(None), slice(None, -1))),
        ((slice(1, None), slice(None)), (slice(None, -1), slice(None))),
    ):
        for p, q in ((edge, off), (off, edge)):  # p on the garment's edge, q its clear neighbour
            contrast = inside[p] - outside[p]
            at = drawn[p] & clear[q] & (np.abs(contrast) >= EDGE_CUT_CONTRAST)
            jump = (lum[p] - lum[q]) / np.where(at, contrast, 1)
            pairs += int(np.count_nonzero(at))
            cut += int(np.count_nonzero(at & (jump > EDGE_CUT_JUMP)))
    if pairs < 50:
        return None
    return cut / pairs


def outline_specks(image: NDArray[np.uint8], cover: NDArray[np.floating[Any]], backdrop: Mask) -> float | None:
    """The share of the new garment's solid rim over the `backdrop` (cover over 0.5,
    within `RIM_SPECK_DEPTH` pixels of a pixel clear of it on the backdrop) darker by
    `RIM_SPECK_STEP` than both the darkest of its solid cloth (cover 0.97 or more, `RIM_SPECK_DEPTH`
    in from its edge) within `RIM_SPECK_SPAN` pixels and the backdrop round it: black
    pinholes in the garment's outline, where no colour of the garment or the wall can
    blend to so dark. None with under 50 rim pixels."""
    cover = np.asarray(cover, np.float32)
    lum = _luminance(image)
    clear = ((cover <= 0.01) & (np.asarray(backdrop) > 0)).astype(np.uint8)
    side, span = 2 * RIM_SPECK_DEPTH + 1, 2 * RIM_SPECK_SPAN + 1
    rim_kernel = np.ones((side, side), np.uint8)
    rim = (cover > 0.5) & (cv2.dilate(clear, rim_kernel) > 0)
    if np.count_nonzero(rim) < 50:
        return None
    cloth = cv2.erode((cover >= 0.97).astype(np.uint8), rim_kernel) > 0
    darkest = cv2.erode(np.where(cloth, lum, np.float32(255)), np.ones((span, span), np.uint8))
    wall = _local_mean(lum, clear > 0, HALO_REACH)
    specks = rim & (darkest < 255) & (lum < np.minimum(darkest, wall) - RIM_SPECK_STEP)
    return float(np.count_nonzero(specks)) / float(np.count_nonzero(rim))


def edge_fringe(image: NDArray[np.uint8], cover: NDArray[np.floating[Any]]) -> float | None:
    """The share of the new garment's soft edge (cover `FRINGE_COVERS`) whose colour
    strays by `FRINGE_STEP` from the edge's own run along the outline: dashes across it,
    a print's spots carried out over the fade. The garment's colour there is what is left
    of the luminance once the picture's just outside (Gaussian mean within `HALO_REACH`)
    is taken out by the cover; the run is its mean among the edge pixels of like cover
    round it, so a rim evenly lighter or darker than the garment (a halo) is no fringe."""
    cover = np.asarray(cover, np.float32)
    low, high = FRINGE_COVERS[0], FRINGE_COVERS[-1]
    edge = (cover >= low) & (cover < high)
    if np.count_nonzero(edge) < 50:
        return None
    lum = _luminance(image)
    outside = _local_mean(lum, cover <= 0.01, HALO_REACH)
    colour = (lum - (1 - cover) * outside) / np.maximum(cover, low)
    strays = np.zeros(cover.shape, bool)
    for start, stop in itertools.pairwise(FRINGE_COVERS):
        alike = (cover >= start) & (cover < stop)
        strays |= alike & (np.abs(colour - _local_mean(colour, alike, HALO_REACH)) > FRINGE_STEP)
    return float(np.count_nonzero(strays) / np.count_nonzero(edge))


def neck_band(
    image: NDArray[np.uint8],
    original: NDArray[np.uint8],
    cover: NDArray[np.floating[Any]],
    neck: Point,
    hips: Point,
    shoulder_width: float,
) -> float | None:
    """The share of the neck (from NECK_HIGH to NECK_LOW shoulder widths above the
    shoulders' midpoint `neck`, up away from `hips`) that the garment covers unlike the
    photo there, darker or lighter by NECK_STEP. None where that region is not in the
    photo."""
    neck_, hips_ = np.asarray(neck, np.float64), np.asarray(hips, np.float64)
    up = neck_ - hips_
    up /= max(float(np.hypot(*up)), 1e-6)
    top = neck_ + up * NECK_HIGH * shoulder_width
    along, across, length = _axes(cover.shape, top, neck_)
    low = 1 - NECK_LOW / NECK_HIGH
    region = (along >= 0) & (along <= low) & (np.abs(across) <= NECK_HALF * shoulder_width)
    if np.count_nonzero(region) < 50:
        return None
    unlike = np.abs(_luminance(original) - _luminance(image)) > NECK_STEP
    return float(np.count_nonzero(region & unlike & (cover > 0.5)) / np.count_nonzero(region))


def neck_label(
    image: NDArray[np.uint8], cover: NDArray[np.floating[Any]], neck: Point, hips: Point, shoulder_width: float
) -> float | None:
    """The largest patch, as a share of the neck looked at by `neck_band`, of the garment
    there unlike (by NECK_LABEL_STEP, Lab) its median there, centred within NECK_LABEL_OFF
    of the neck's midline and of a colour found on at most NECK_LABEL_PRINT of the chest:
    a brand label worn on the throat (sewn at the centre back, of colours the garment has
    nowhere else; a print's flower or leaf at the neckline shows again below). 0.0 where
    the garment covers too little of the neck to read; None where that region is not in
    the photo."""
    neck_, hips_ = np.asarray(neck, np.float64), np.asarray(hips, np.float64)
    up = neck_ - hips_
    up /= max(float(np.hypot(*up)), 1e-6)
    top = neck_ + up * NECK_HIGH * shoulder_width
    along, across, _ = _axes(cover.shape, top, neck_)
    region = (along >= 0) & (along <= 1 - NECK_LOW / NECK_HIGH) & (np.abs(across) <= NECK_HALF * shoulder_width)
    if np.count_nonzero(region) < 50:
        return None
    covered = region & (cover > 0.5)
    if np.count_nonzero(covered) < 50:
        return 0.0
    lab = cv2.cvtColor(image, cv2.COLOR_RGB2LAB).astype(np.float32)
    typical = np.median(lab[covered], axis=0)
    unlike = (np.linalg.norm(lab - typical, axis=2) > NECK_LABEL_STEP) & covered
    unlike = cv2.morphologyEx(unlike.astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(unlike, connectivity=8)
    if count < 2:
        return 0.0
    area = stats[1:, cv2.CC_STAT_AREA]
    # Each patch's centre across the midline: the mean of its pixels' signed distances.
    centred = np.abs(np.bincount(labels.ravel(), across.ravel(), count)[1:] / area) <= NECK_LABEL_OFF * shoulder_width
    # The garment's chest below the neck, where a print's colours show again.
    below, beside, _ = _axes(cover.shape, neck_, hips_)
    chest = (cover > 0.5) & (below >= 0) & (below <= NECK_LABEL_CHEST) & (np.abs(beside) <= shoulder_width / 2)
    shades = lab[chest]
    largest = 0
    for i in np.flatnonzero(centred) + 1:
        colour = np.median(lab[labels == i], axis=0)
        again = np.count_nonzero(np.linalg.norm(shades - colour, axis=1) <= NECK_LABEL_STEP / 2)
        if again <= NECK_LABEL_PRINT * max(len(shades), 1):
            largest = max(largest, int(area[i - 1]))
    return float(largest / np.count_nonzero(region))


def neckline_specks(
    image: NDArray[np.uint8], cover: NDArray[np.floating[Any]], neck: Point, shoulder_width: float
) -> float | None:
    """Dark pieces of the garment along its edge round the neck, in hundredths of a
    square shoulder width: garment pixels within `SPECK_RIM` of its edge, in the box
    `SPECK_HALF` either side of the shoulders' midpoint `neck` and `SPECK_ZONE` above and
    below it, darker by `SPECK_STEP` than the garment's median from `SPECK_RIM` to
    `SPECK_BODY` in from the edge there. 0 where more than `SPECK_COLLAR` of that rim is
    dark (a collar or trim); None where no garment edge is read there."""
    if shoulder_width <= 0:
        return None
    solid = (np.asarray(cover) > 0.5).astype(np.uint8)
    h, w = solid.shape
    x0, x1 = max(0, int(neck[0] - SPECK_HALF * shoulder_width)), min(w, int(neck[0] + SPECK_HALF * shoulder_width) + 1)
    y0, y1 = max(0, int(neck[1] - SPECK_ZONE * shoulder_width)), min(h, int(neck[1] + SPECK_ZONE * shoulder_width) + 1)
    if x1 - x0 < 3 or y1 - y0 < 3:
        return None
    inward = cv2.distanceTransform(np.pad(solid, 1, constant_values=1), cv2.DIST_L2, 3)[1:-1, 1:-1][y0:y1, x0:x1]
    rim = (inward > 0) & (inward <= SPECK_RIM * shoulder_width)
    body = (inward > SPECK_RIM * shoulder_width) & (inward <= SPECK_BODY * shoulder_width)
    if np.count_nonzero(rim) < 20 or np.count_nonzero(body) < 20:
        return None
    lum = _luminance(image)[y0:y1, x0:x1]
    dark = rim & (lum < float(np.median(lum[body])) - SPECK_STEP)
    if np.count_nonzero(dark) > SPECK_COLLAR * np.count_nonzero(rim):
        return 0.0
    return float(100 * np.count_nonzero(dark) / shoulder_width**2)


def collar_left(
    image: NDArray[np.uint8],
    original: NDArray[np.uint8],
    cover: NDArray[np.floating[Any]],
    person: Mask,
    kept: Mask,
    neck: Point,
    hips: Point,
    shoulder_width: float,
) -> float | None:
    """How much of the old garment stays round the neck above the new one: pixels in the
    band beside and above the neck (`COLLAR_HIGH`, `COLLAR_HALF`; up away from `hips`),
    above the new garment's top in their column (`cover`), on the `person` and left as
    in `original`, that are not `kept` (skin, face, hair, hands): a hood's sides or a
    collar's points standing above the new neckline. Their count over the squared
    shoulder width. None where the band is not in the photo."""
    if shoulder_width <= 0:
        return None
    neck_, hips_ = np.asarray(neck, np.float64), np.asarray(hips, np.float64)
    up = neck_ - hips_
    up /= max(float(np.hypot(*up)), 1e-6)
    h, w = cover.shape[:2]
    ys, xs = np.mgrid[:h, :w].astype(np.float32)
    dx, dy = xs - np.float32(neck_[0]), ys - np.float32(neck_[1])
    height = dx * np.float32(up[0]) + dy * np.float32(up[1])
    lateral = np.abs(dx * np.float32(up[1]) - dy * np.float32(up[0]))
    band = (height >= 0) & (height <= COLLAR_HIGH * shoulder_width) & (lateral <= COLLAR_HALF * shoulder_width)
    if np.count_nonzero(band) < 50:
        return None
    solid = np.asarray(cover) > 0.5
    top = np.where(solid.any(axis=0), np.argmax(solid, axis=0), h)
    above = np.arange(h)[:, None] < top[None, :]
    same = cv2.absdiff(image, original).max(axis=2) <= UNCHANGED_BY
    left = band & above & same & (np.asarray(person) > 0) & ~(np.asarray(kept) > 0)
    return float(np.count_nonzero(left) / shoulder_width**2)


def hair_beside_jaw(other: Mask, eyes: Point, mouth: Point, eye_span: float) -> NDArray[np.bool_]:
    """The person's hair beside the lower face: of `other` (on the person, not skin), the
    pixels in the band beside the face from the eyes' line down to the chin's
    (`JAW_HAIR_DROP`, `JAW_HAIR_IN`, `JAW_HAIR_OUT`) in one piece with `other` above the
    eyes' line or at the photo's top: hair runs on up the head, a hood's side or a
    collar's point beside the jaw stops below the ear."""
    region = np.asarray(other) > 0
    hair = np.zeros(region.shape, bool)
    eyes_, mouth_ = np.asarray(eyes, np.float64), np.asarray(mouth, np.float64)
    down = mouth_ - eyes_
    drop = float(np.hypot(*down))
    if drop < 1 or eye_span <= 0:
        return hair
    down /= drop
    h, w = region.shape
    ys, xs = np.mgrid[:h, :w].astype(np.float32)
    dx, dy = xs - np.float32(eyes_[0]), ys - np.float32(eyes_[1])
    depth = dx * np.float32(down[0]) + dy * np.float32(down[1])
    lateral = np.abs(dx * np.float32(down[1]) - dy * np.float32(down[0]))
    band = (depth >= 0) & (depth <= drop * (1 + JAW_HAIR_DROP)) & (lateral >= JAW_HAIR_IN * eye_span)
    band &= lateral <= JAW_HAIR_OUT * eye_span
    head = (depth <= drop * (1 + JAW_HAIR_DROP)) & (lateral <= (JAW_HAIR_OUT + 1) * eye_span) & region
    above = head & (depth < 0)
    above[0] |= head[0]
    count, labels = cv2.connectedComponents(head.astype(np.uint8), connectivity=8)
    if count <= 1:
        return hair
    rising = np.unique(labels[above])
    return np.asarray(band & region & np.isin(labels, rising[rising > 0]))


def jaw_hair_cut(image: NDArray[np.uint8], original: NDArray[np.uint8], hair: Mask) -> float | None:
    """The share of the person's `hair` beside the lower face (see `hair_beside_jaw`)
    that the render changed (by more than `UNCHANGED_BY`): nothing is drawn there, so
    what changed was hair taken for the old garment. None with too little hair there."""
    inside = np.asarray(hair) > 0
    if np.count_nonzero(inside) < JAW_HAIR_LEAST:
        return None
    changed = cv2.absdiff(image, original).max(axis=2) > UNCHANGED_BY
    return float(np.count_nonzero(changed & inside) / np.count_nonzero(inside))


def neck_skin(
    skin: Mask, person: Mask, neck: Point, hips: Point, shoulder_width: float, clear: NDArray[np.bool_]
) -> NDArray[np.bool_]:
    """The person's own neck outline in the photo: of `skin` (not the face), the pixels
    within `NECK_EDGE` shoulder widths of the backdrop (off `person`), from `NECK_REACH`
    shoulder widths above the shoulders' midpoint `neck` (up away from `hips`) down to
    it, `NECK_SIDE` either side, that are `clear` (away from the new garment, whose edge
    is drawn there). The outline, not the whole neck: a notch or a smear takes a few
    pixels of the neck's area, and most of its side."""
    neck_, hips_ = np.asarray(neck, np.float64), np.asarray(hips, np.float64)
    up = neck_ - hips_
    up /= max(float(np.hypot(*up)), 1e-6)
    top = neck_ + up * NECK_REACH * shoulder_width
    along, across, _ = _axes(np.asarray(skin).shape, top, neck_)
    region = (along >= 0) & (along <= 1) & (np.abs(across) <= NECK_SIDE * shoulder_width)
    reach = max(1, int(NECK_EDGE * shoulder_width))
    off = (np.asarray(person) == 0).astype(np.uint8)
    edge = cv2.dilate(off, np.ones((2 * reach + 1, 2 * reach + 1), np.uint8)) > 0
    return np.asarray(region & edge & (np.asarray(skin) > 0) & (np.asarray(person) > 0) & clear)


def neck_cut(image: NDArray[np.uint8], original: NDArray[np.uint8], neck: Mask) -> float | None:
    """The share of the person's own `neck` outline (see `neck_skin`) that the render changed
    (by more than `UNCHANGED_BY`): nothing is drawn there, so what changed is the neck
    cut into (a notch where its side was refilled as backdrop) or smeared past its
    outline. None with too little neck skin there."""
    inside = np.asarray(neck) > 0
    if np.count_nonzero(inside) < NECK_SKIN_LEAST:
        return None
    changed = cv2.absdiff(image, original).max(axis=2) > UNCHANGED_BY
    return float(np.count_nonzero(changed & inside) / np.count_nonzero(inside))


def shoulder_wedge(
    image: NDArray[np.uint8],
    original: NDArray[np.uint8],
    cover: NDArray[np.floating[Any]],
    person: Mask,
    skin: Mask,
    neck: Point,
    hips: Point,
    shoulder_width: float,
) -> float | None:
    """How much of the person's own outline over the shoulders beside the neck the render
    redrew pale, in hundredths of a square shoulder width: in each column of the band
    beside the neck (`WEDGE_INNER` to `WEDGE_OUTER` out, up to `WEDGE_HIGH` above the
    shoulders' line) whose top on the `person` (the photo's silhouette, off the photo's
    edge) lies there above the new garment (`cover`), the pixels `WEDGE_DEEP` down from
    that top and above the garment that changed from the `original` and lie over
    `WEDGE_TOWARDS` of the way from the person's own `skin` (as shot and kept) towards
    the backdrop. The shoulder is the body's: refilled as backdrop it is a pale wedge cut
    in beside the neck, and rebuilt with its skin's edge kept inside the photo's outline,
    a pale haze over its top. None without enough backdrop or own skin near it, or no
    such column."""
    region, _ = _shoulder_band(cover.shape, neck, hips, shoulder_width, WEDGE_OUTER, (WEDGE_HIGH, 0.0), WEDGE_INNER)
    h, w = region.shape
    inside = np.asarray(person) > 0.5
    covered = np.asarray(cover) > 0.5
    cols = np.arange(w)
    top = np.argmax(inside, axis=0)
    garment_top = np.where(covered.any(axis=0), np.argmax(covered, axis=0), -1)
    # A column's outline at the photo's top edge is where the photo ends, no shoulder's.
    looked = inside.any(axis=0) & (top > 0) & region[top, cols] & (top < garment_top)
    rows = np.arange(h)[:, None]
    deep = (rows >= top) & (rows < top + WEDGE_DEEP * shoulder_width) & (rows < garment_top) & looked
    near = cv2.dilate(region.astype(np.uint8), np.ones((15, 15), np.uint8)) > 0
    ground = near & (np.asarray(person) < 0.1)
    own = near & (np.asarray(skin) > 0)
    if not looked.any() or np.count_nonzero(ground) < WEDGE_LEAST or np.count_nonzero(own) < WEDGE_LEAST:
        return None
    before = cv2.cvtColor(original.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)
    after = cv2.cvtColor(image.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)
    backdrop, flesh = np.median(before[ground], axis=0), np.median(before[own], axis=0)
    towards = backdrop - flesh
    way = (after - flesh) @ towards / max(float(towards @ towards), 1.0)
    changed = cv2.absdiff(image, original).max(axis=2) > UNCHANGED_BY
    pale = deep & changed & (way > WEDGE_TOWARDS) & (np.asarray(cover) < 0.05)
    return 100.0 * np.count_nonzero(pale) / max(shoulder_width**2, 1.0)


def hood_left(
    image: NDArray[np.uint8],
    original: NDArray[np.uint8],
    old: Mask,
    other: Mask,
    hair: Mask,
    eyes: Point,
    mouth: Point,
    eye_span: float,
) -> float | None:
    """How much of the old garment stays beside the face: pixels of the `old` garment's
    mask in the band beside the cheeks and the jaw (`HOOD_RISE`, `HOOD_IN`), `other` (on
    the person, not skin) and not `hair` (see `hair_beside_jaw`), left as in `original`:
    a hood's sides or a collar's points standing up to the ears, kept as the face. Their
    count over the squared eye span. None without the face's landmarks' distances."""
    eyes_, mouth_ = np.asarray(eyes, np.float64), np.asarray(mouth, np.float64)
    down = mouth_ - eyes_
    drop = float(np.hypot(*down))
    if drop < 1 or eye_span <= 0:
        return None
    down /= drop
    h, w = np.asarray(old).shape[:2]
    ys, xs = np.mgrid[:h, :w].astype(np.float32)
    dx, dy = xs - np.float32(mouth_[0]), ys - np.float32(mouth_[1])
    depth = dx * np.float32(down[0]) + dy * np.float32(down[1])
    lateral = np.abs(dx * np.float32(down[1]) - dy * np.float32(down[0]))
    band = (depth >= -HOOD_RISE * drop) & (depth <= JAW_HAIR_DROP * drop)
    band &= (lateral >= HOOD_IN * eye_span) & (lateral <= JAW_HAIR_OUT * eye_span)
    same = cv2.absdiff(image, original).max(axis=2) <= UNCHANGED_BY
    left = band & same & (np.asarray(old) > 0.5) & (np.asarray(other) > 0) & ~(np.asarray(hair) > 0)
    return float(np.count_nonzero(left) / eye_span**2)


def neck_patch(old: Mask, shoulders: Sequence[Point], shoulder_width: float) -> float | None:
    """The area of the old garment's mask in pieces lying wholly above the higher of the
    `shoulders` (on the neck or the face, apart from the garment below), over the squared
    shoulder width: a shadow under the chin taken for the garment is rebuilt as a flat
    patch there. None without an old garment."""
    mask = (np.asarray(old) > 0).astype(np.uint8)
    if not mask.any() or shoulder_width <= 0 or not shoulders:
        return None
    top = min(float(y) for _, y in shoulders)
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    above = stats[:, cv2.CC_STAT_TOP] + stats[:, cv2.CC_STAT_HEIGHT] <= top
    above[0] = False
    return float(stats[above, cv2.CC_STAT_AREA].sum() / shoulder_width**2)


def hand_changed(before: NDArray[np.uint8], after: NDArray[np.uint8], hand: Mask) -> float | None:
    """The share of the `hand`'s pixels (the person's own hand in front, in `before`)
    that differ in `after`; for `arm_changed`, the pixels of a bare forearm in front."""
    inside = np.asarray(hand) > 0
    if np.count_nonzero(inside) < MIN_HAND_PIXELS:
        return None
    step = cv2.absdiff(before, after).max(axis=2)
    return float(np.mean(step[inside] > CHANGED_STEP))


def arm_cut(
    before: NDArray[np.uint8],
    after: NDArray[np.uint8],
    arm: Mask,
    bones: Sequence[tuple[Point, Point, Point]],
    strip: float,
    half: float,
    core: float,
) -> float | None:
    """The largest share, over strips `strip` pixels wide across each forearm's bone
    (elbow, wrist, end), of the forearm's pixels that differ in `after`: those of `arm`
    (the person's own forearms in front, in `before`) within `half` pixels of the bone
    up to its end, and from the elbow to the wrist all within `core` pixels of it,
    whatever `arm` says (the engine's reading of the arm left out a bangle it drew the
    garment through; past the wrist the hand may turn off the bone's line). A garment
    drawn across the arm changes a small share of it (`arm_changed`) but all of a
    strip. None without a forearm in front."""
    inside = np.asarray(arm) > 0
    h, w = inside.shape[:2]
    width = max(2.0, strip)
    reach = max(half, core)
    shares = []
    for elbow, wrist, end in bones:
        start = np.asarray(elbow, np.float64)
        run = np.asarray(end, np.float64) - start
        length = float(np.linalg.norm(run))
        if length < 2 * width:
            continue
        unit = run / length
        joint = float((np.asarray(wrist, np.float64) - start) @ unit)
        x0, y0 = np.maximum(np.floor(np.minimum(start, start + run) - reach), 0).astype(int)
        x1, y1 = np.minimum(np.ceil(np.maximum(start, start + run) + reach) + 1, (w, h)).astype(int)
        if x1 <= x0 or y1 <= y0:
            continue
        ys, xs = np.mgrid[y0:y1, x0:x1].astype(np.float64)
        along = (xs - start[0]) * unit[0] + (ys - start[1]) * unit[1]
        off = np.abs((ys - start[1]) * unit[0] - (xs - start[0]) * unit[1])
        middle = (off <= core) & (along <= joint)
        on = (along >= 0) & (along < length) & ((inside[y0:y1, x0:x1] & (off <= half)) | middle)
        if np.count_nonzero(on) < MIN_HAND_PIXELS:
            continue
        changed = cv2.absdiff(before[y0:y1, x0:x1], after[y0:y1, x0:x1]).max(axis=2)[on] > CHANGED_STEP
        strips = (along[on] // width).astype(int)
        total = np.bincount(strips)
        moved = np.bincount(strips, weights=changed.astype(np.float64))
        full = total >= ARM_STRIP_FULL * 2 * core * width
        if not full.any():
            continue
        shares.append(float(np.max(moved[full] / total[full])))
    return max(shares) if shares else None


#: Pixels within this CIE ΔE of one of the old bottom's colours, in runs at least the
#: `line` given wide, are its plain cloth: not the sleeve (a pose off the arm's middle).
SLEEVE_CLOTH = 12.0


def sleeve_changed(
    before: NDArray[np.uint8], after: NDArray[np.uint8], core: Mask, bottom: NDArray[Any], line: int
) -> float | None:
    """The share of the middle of the forearms hanging down to the hips (`core`, along
    their bones in `before`) that `after` changed, less the old bottom's plain cloth in it
    (near one of its CIE Lab colours `bottom`, left once lines narrower than `line`
    pixels are opened away: a plaid's or a cuff's stripes of the trousers' colour are
    the sleeve's)."""
    inside = np.asarray(core) > 0
    if len(bottom) and inside.any():
        ys, xs = np.nonzero(inside)
        pad = line + 1
        y0, y1 = max(0, int(ys.min()) - pad), min(inside.shape[0], int(ys.max()) + pad + 1)
        x0, x1 = max(0, int(xs.min()) - pad), min(inside.shape[1], int(xs.max()) + pad + 1)
        rgb = np.ascontiguousarray(before[y0:y1, x0:x1]).astype(np.float32) / 255
        lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB)
        near = _nearest(lab, bottom) < SLEEVE_CLOTH
        size = max(3, line | 1)
        kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
        plain = cv2.morphologyEx(near.astype(np.uint8), cv2.MORPH_OPEN, kernel) > 0
        inside = inside.copy()
        inside[y0:y1, x0:x1] &= ~plain
    return hand_changed(before, after, inside)


def arm_beside_changed(before: NDArray[np.uint8], after: NDArray[np.uint8], skin: Mask, bands: Mask) -> float | None:
    """The share of the bare arm hanging beside the torso (`skin` of `before` in the
    `bands` along the arms' bones, less its outermost pixel) that `after` changed. In a
    photo the arms are in front of a top's or dress's sides; `width_ratio` misses a panel
    drawn over their inner half, as the arms are taken out of the body it measures."""
    arm = (np.asarray(skin) > 0) & (np.asarray(bands) > 0)
    inner = cv2.erode(arm.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    return hand_changed(before, after, inner)


def top_hem_changed(before: NDArray[np.uint8], after: NDArray[np.uint8], top: Mask, below: Mask) -> float | None:
    """The share of the kept `top` (the top a new bottom leaves on, in `before`) within
    `below` (from a little above the hips down) that `after` changed, less its outermost
    pixel. A tee or coat hanging over the hips is in front of the new bottom, its hem as
    shot; drawn over, or taken for the old bottom, its lower part was cut square or
    rebuilt as a smear beside the new waistband."""
    lower = (np.asarray(top) > 0) & (np.asarray(below) > 0)
    inner = cv2.erode(lower.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    return hand_changed(before, after, inner)


def top_hem_gap(
    image: NDArray[np.uint8],
    top: Mask,
    cover: NDArray[np.floating[Any]],
    columns: Mask,
    old_colours: NDArray[np.floating[Any]],
    new_colours: NDArray[np.floating[Any]],
    tolerance: float = 12.0,
) -> float | None:
    """The share of `columns` (between the hip joints) where, between the kept `top`'s
    hem and the new bottom (`cover`), at least `TOP_HEM_GAP_ROWS` pixels of `image` are
    an old garment's colour and none of the new garment's or skin's (`old_colour_left`'s
    reading). A shirt or tank tucked into a bottom that sat higher than the new one left
    a band of the old waistband between the two; `top_hem_changed` reads the top only."""
    kept = np.asarray(top) > 0
    solid = np.asarray(cover) > 0.5
    cols = np.flatnonzero((np.asarray(columns) > 0) & kept.any(axis=0) & solid.any(axis=0))
    if len(cols) < 5 or len(old_colours) == 0:
        return None
    h = kept.shape[0]
    hem = h - np.argmax(kept[::-1, cols], axis=0)
    start = np.argmax(solid[:, cols], axis=0)
    band = (np.arange(h)[:, None] >= hem[None, :]) & (np.arange(h)[:, None] < start[None, :])
    if not band.any():
        return 0.0
    inside = np.zeros(kept.shape, bool)
    inside[:, cols] = band
    lab = cv2.cvtColor(image.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)[inside]
    old = np.zeros(kept.shape, bool)
    old[inside] = (_nearest(lab, old_colours) < tolerance) & ~(_nearest(lab, new_colours) < tolerance)
    return float(np.mean(old[:, cols].sum(axis=0) >= TOP_HEM_GAP_ROWS))


def waistband_flecks(
    before: NDArray[np.uint8], after: NDArray[np.uint8], cover: NDArray[np.floating[Any]], band: Mask, kept: Mask
) -> float | None:
    """The share of `band` (the new bottom's top rows between the hip joints), on or
    inside the new garment (`cover` over 0.5), that is holes it closes in which `after`
    left as in `before`, less `kept` (the hands, arms and what they hold in front): an
    old waistband's button, loops or frayed edge taken for the kept top stayed in front
    of the new waistband as flecks of the old one. None where the band is small."""
    covered = np.asarray(cover) > 0.5
    outside = np.pad(~covered, 1, constant_values=True).astype(np.uint8)
    cv2.floodFill(outside, None, (0, 0), (2,))
    holes = outside[1:-1, 1:-1] == 1
    region = (np.asarray(band) > 0) & (covered | holes)
    if np.count_nonzero(region) < 50:
        return None
    unchanged = np.abs(after.astype(np.int16) - before.astype(np.int16)).max(axis=2) < UNCHANGED_BY
    left = region & holes & unchanged & ~(np.asarray(kept) > 0)
    return float(np.count_nonzero(left) / np.count_nonzero(region))


def waistband_kept(
    before: NDArray[np.uint8],
    after: NDArray[np.uint8],
    cover: NDArray[np.floating[Any]],
    cols: NDArray[np.bool_],
    depth: int,
    spread: int,
    kept: Mask,
    old_colours: NDArray[np.floating[Any]],
    skin_colours: NDArray[np.floating[Any]],
    tolerance: float = 12.0,
) -> float | None:
    """The share of the new bottom's top band in `cols` (`depth` rows down from its top
    edge, each column taking the highest edge within `spread` columns) that `after` left
    as in `before`, the new garment (`cover` over 0.5) does not cover and is one of the
    old bottom's colours (rows of CIE Lab, within `tolerance`, nearer it than any of the
    skin's), less `kept` (the hands, arms and what they hold): pieces of the old
    waistband kept in front of the new one. `waistband_flecks` reads only holes the new
    garment closes in; these are mostly notched in from its top edge, and a kept top's
    hem hanging over the new waistband is not the old bottom's colour. None where the
    band is small."""
    covered = np.asarray(cover) > 0.5
    h = covered.shape[0]
    first = np.where(covered.any(axis=0), np.argmax(covered, axis=0), h).astype(np.float32)
    first[~np.asarray(cols, bool)] = h
    edge = cv2.erode(first[None, :], np.ones((1, 2 * max(0, spread) + 1), np.uint8)).ravel()
    rows = np.arange(h, dtype=np.float32)[:, None]
    band = (rows >= edge[None, :]) & (rows < edge[None, :] + depth) & np.asarray(cols, bool)[None, :]
    band &= (first < h)[None, :]
    if np.count_nonzero(band) < 50:
        return None
    unchanged = np.abs(after.astype(np.int16) - before.astype(np.int16)).max(axis=2) < UNCHANGED_BY
    left = band & ~covered & unchanged & ~(np.asarray(kept) > 0)
    if len(old_colours) and left.any():
        lab = cv2.cvtColor(after.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)[left]
        to_old = _nearest(lab, old_colours)
        count = np.count_nonzero((to_old < tolerance) & (to_old < _nearest(lab, skin_colours)))
    else:
        count = 0
    return float(count / np.count_nonzero(band))


def legs_changed(
    before: NDArray[np.uint8], after: NDArray[np.uint8], legs: Mask, cover: NDArray[np.floating[Any]], margin: int
) -> float | None:
    """The share of the person's own bare `legs` and feet (in `before`), more than
    `margin` pixels clear of the new garment (`cover`), that `after` changed: below a
    dress's hem they are kept as they are, so what moved was rebuilt."""
    near = cv2.dilate((np.asarray(cover) > 0.05).astype(np.uint8), np.ones((2 * margin + 1,) * 2, np.uint8)) > 0
    kept = (np.asarray(legs) > 0) & ~near
    inner = cv2.erode(kept.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    return hand_changed(before, after, inner)


def feet_changed(
    before: NDArray[np.uint8], after: NDArray[np.uint8], feet: Mask, cover: NDArray[np.floating[Any]], margin: int
) -> float | None:
    """The share of the person's `feet` (shoes included, in `before`), more than `margin`
    pixels clear of a new bottom (`cover`), that `after` changed: a bottom ends at its
    hem, and below it only what the old trousers covered is rebuilt, never the shoes."""
    return legs_changed(before, after, feet, cover, margin)


def trousers_left(
    before: NDArray[np.uint8],
    after: NDArray[np.uint8],
    legs: Mask,
    trousers: NDArray[np.floating[Any]],
    tolerance: float = TROUSERS_TOLERANCE,
) -> float | None:
    """The share of `legs` (the legs' line below a new dress, clear of it) that shows
    the old trousers (`trousers`: their colours, rows of CIE Lab) in `after` just as in
    `before`: a trouser leg left below the hem, or its hem's band round the ankles.
    Only what did not change counts: legs rebuilt in a tone near a camel trouser's are
    legs, and the person's own bare shins below shorts are not the shorts' colour."""
    inside = np.asarray(legs) > 0
    if np.count_nonzero(inside) < 50 or len(trousers) == 0:
        return None
    moved = np.abs(after.astype(np.int16) - before.astype(np.int16)).max(axis=2) > UNMOVED_STEP
    lab = cv2.cvtColor(after.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)[inside]
    near = _nearest(lab, trousers) < tolerance
    return float(np.mean(near & ~moved[inside]))


def held_lost(before: NDArray[np.uint8], after: NDArray[np.uint8], held: Mask) -> float | None:
    """The share of what the person holds in front (`held`, in `before`) that `after`
    changed: a phone or a fruit taken away with the old garment."""
    return hand_changed(before, after, held)


def raised_arm_changed(before: NDArray[np.uint8], after: NDArray[np.uint8], arm: Mask) -> float | None:
    """The share of the bare forearms raised in front of the shoulder (`arm`, in `before`:
    a phone held up to a mirror, a cup at the mouth) that `after` changed: a new top's
    body and sleeve drawn over the arm hid it, or left it to be rebuilt as a ghost."""
    return hand_changed(before, after, arm)


def hair_cut(before: NDArray[np.uint8], after: NDArray[np.uint8], hair: Mask) -> float | None:
    """The share of the person's own `hair` over the shoulders and beside the neck (in
    `before`) that `after` changed: drawing the new garment over it cuts long hair into
    flat blocks at the garment's edge."""
    return hand_changed(before, after, hair)


def fair_hair_cut(before: NDArray[np.uint8], after: NDArray[np.uint8], fair: Mask) -> float | None:
    """The share of the person's own `fair` locks over the shoulders (in `before`) that
    `after` changed or flattened. Read apart from `hair_cut`: fair hair is of the skin's
    hue and near its lightness, and a lock the old top's mask took came back as a flat
    skin-coloured block within `CHANGED_STEP` of it (`carvekit--3`): what tells the block
    is the strands' fine lightness steps gone (`STRANDS_LEFT`)."""
    inside = np.asarray(fair) > 0
    if np.count_nonzero(inside) < MIN_HAND_PIXELS:
        return None
    ys, xs = np.nonzero(inside)
    pad = 4 * STRAND_BLUR
    y0, y1 = max(0, int(ys.min()) - pad), int(ys.max()) + pad + 1
    x0, x1 = max(0, int(xs.min()) - pad), int(xs.max()) + pad + 1
    box = slice(y0, y1), slice(x0, x1)
    moved = cv2.absdiff(before[box], after[box]).max(axis=2) > CHANGED_STEP
    flat = _strands(after[box]) < STRANDS_LEFT * _strands(before[box])
    return float(np.mean((moved | flat)[inside[box]]))


def head_side(
    other: Mask, neck: Point, down: Point, right: Point, shoulder_width: float, arms: Sequence[tuple[Point, Point]] = ()
) -> NDArray[np.bool_]:
    """The pixels of `other` (the person's, neither skin nor face nor hands) beside the
    head: above the shoulders' line through `neck` by more than `HEAD_SIDE_RISE` shoulder
    widths (along the torso's unit `down`) and further than `HEAD_SIDE_OUT` from the
    neck's axis (along `right`), off the `arms`' bones (each a pair of joints) by
    `HEAD_SIDE_ARM` shoulder widths: an arm raised beside the head in a sleeve is the
    old top. What else lies there is the hair or a hat: no top reaches it."""
    h, w = np.asarray(other).shape[:2]
    dy = np.arange(h, dtype=np.float32)[:, None] - np.float32(neck[1])
    dx = np.arange(w, dtype=np.float32)[None, :] - np.float32(neck[0])
    depth = dx * np.float32(down[0]) + dy * np.float32(down[1])
    across = dx * np.float32(right[0]) + dy * np.float32(right[1])
    beside = (depth < -HEAD_SIDE_RISE * shoulder_width) & (np.abs(across) > HEAD_SIDE_OUT * shoulder_width)
    limbs = np.zeros((h, w), np.uint8)
    for a, b in arms:
        ends = (int(round(a[0])), int(round(a[1]))), (int(round(b[0])), int(round(b[1])))
        cv2.line(limbs, ends[0], ends[1], (1,), max(1, int(2 * HEAD_SIDE_ARM * shoulder_width)))
    return np.asarray(beside & (np.asarray(other) > 0) & (limbs == 0))


def head_side_changed(
    before: NDArray[np.uint8],
    after: NDArray[np.uint8],
    beside: Mask,
    cover: NDArray[np.floating[Any]],
    shoulder_width: float,
) -> float | None:
    """How much of the hair or hat `beside` the head (`head_side`, in `before`) `after`
    changed by more than `UNCHANGED_BY` where the new garment is not drawn (`cover`),
    over the squared shoulder width. Nothing is to change there: what did is a hat's
    brim or a lock taken for the old top's band, rebuilt as a flat skin-coloured blob or
    refilled as backdrop (`carvekit--3`). None with too little of it there."""
    inside = (np.asarray(beside) > 0) & (np.asarray(cover) <= 0.05)
    if np.count_nonzero(inside) < HEAD_SIDE_LEAST:
        return None
    changed = cv2.absdiff(before, after).max(axis=2) > UNCHANGED_BY
    return float(np.count_nonzero(changed & inside) / max(shoulder_width, 1.0) ** 2)


def _strands(rgb: NDArray[np.uint8]) -> NDArray[np.float32]:
    """The fine lightness steps round each pixel: the grey's difference from its blur by
    `STRAND_BLUR` pixels, averaged over as far again."""
    grey = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2GRAY).astype(np.float32)
    steps = np.abs(grey - cv2.GaussianBlur(grey, (0, 0), STRAND_BLUR / 2))
    return np.asarray(cv2.GaussianBlur(steps, (0, 0), STRAND_BLUR), np.float32)


def arm_ghost(
    before: NDArray[np.uint8], after: NDArray[np.uint8], arm: Mask, cover: NDArray[np.floating[Any]]
) -> float | None:
    """The share of the person's bare `arm` skin (in `before`, any pose: raised, bent, on
    the hips) clear of the new garment and its soft edge that `after` moved by more than
    `GHOST_STEP`: an arm taken for the old garment is rebuilt as a paler, flatter or
    stippled double of itself over the backdrop, though nothing was to change there."""
    clear = cv2.dilate((np.asarray(cover) > 0.05).astype(np.uint8), np.ones((5, 5), np.uint8)) == 0
    inside = (cv2.erode((np.asarray(arm) > 0).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0) & clear
    if np.count_nonzero(inside) < MIN_SKIN_PIXELS:
        return None
    step = cv2.absdiff(before, after).max(axis=2)
    return float(np.mean(step[inside] > GHOST_STEP))


def arm_taken(
    before: NDArray[np.uint8], after: NDArray[np.uint8], arm: Mask, old: NDArray[np.floating[Any]], cover: Any
) -> float | None:
    """The share of the person's bare `arm` skin (in `before`, any pose) clear of the new
    garment and its soft edge that the engine took for the old garment (`old` over 0.5)
    and redrew (`after` moved it by more than `TAKEN_STEP`): read where `arm_ghost` reads,
    but an arm rebuilt as a close double of itself (its inner outline moved, the rest
    near its own colour) counts in full. An arm in the old garment's mask but kept in
    front (`arms.bare_arms_beside`) is left as shot, and does not count."""
    clear = cv2.dilate((np.asarray(cover) > 0.05).astype(np.uint8), np.ones((5, 5), np.uint8)) == 0
    inside = (cv2.erode((np.asarray(arm) > 0).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0) & clear
    if np.count_nonzero(inside) < MIN_SKIN_PIXELS:
        return None
    moved = cv2.absdiff(before, after).max(axis=2) > TAKEN_STEP
    return float(np.mean((np.asarray(old)[inside] > 0.5) & moved[inside]))


def knit_kept(
    before: NDArray[np.uint8], after: NDArray[np.uint8], knit: Mask, cover: NDArray[np.floating[Any]], shrink: int = 1
) -> float | None:
    """How much of the weave of the old garment's skin-coloured knit sleeves (`knit`, found
    in `before`: `old_garment.worn_knit_sleeves`) clear of the new garment and its soft
    edge `after` still shows: the median fine-scale lightness ripple there after over
    before, read `shrink` times smaller (the size the sleeves were found at). Knit sleeves
    kept read near 1; rebuilt as smooth arms, far less. A rebuilt arm of the knit's own
    colour cannot be told from it by colour. None where no such sleeve shows beyond the
    new garment."""
    clear = cv2.dilate((np.asarray(cover) > 0.05).astype(np.uint8), np.ones((5, 5), np.uint8)) == 0
    inside = (cv2.erode((np.asarray(knit) > 0).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0) & clear
    if np.count_nonzero(inside) < MIN_SKIN_PIXELS:
        return None
    h, w = inside.shape
    size = (max(1, round(w / shrink)), max(1, round(h / shrink)))
    small = cv2.resize(inside.astype(np.uint8), size, interpolation=cv2.INTER_NEAREST) > 0
    if not small.any():
        return None

    def ripple(image: NDArray[np.uint8]) -> float:
        light = cv2.cvtColor(cv2.resize(image, size, interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2LAB)[..., 0]
        light = light.astype(np.float32)
        return float(np.median(np.abs(light - cv2.GaussianBlur(light, (0, 0), 1.0))[small]))

    return ripple(after) / max(ripple(before), 1e-3)


def hand_outline(
    image: NDArray[np.uint8],
    hand: Mask,
    cover: NDArray[np.floating[Any]],
    old_colours: NDArray[np.floating[Any]],
    new_colours: NDArray[np.floating[Any]],
) -> float | None:
    """The share of the rim `HAND_RIM` pixels round the kept `hand` that the new garment
    (`cover`) comes up to and that still shows an old garment's colour (rows of CIE Lab)
    and none of the new garment's or the skin's (passed with them)."""
    inside = (np.asarray(hand) > 0).astype(np.uint8)
    kernel = np.ones((2 * HAND_RIM + 1, 2 * HAND_RIM + 1), np.uint8)
    near_garment = cv2.dilate((np.asarray(cover) > 0.5).astype(np.uint8), kernel) > 0
    rim = (cv2.dilate(inside, kernel) > 0) & (inside == 0) & near_garment
    if np.count_nonzero(rim) < MIN_HAND_PIXELS:
        return None
    return old_colour_left(image, rim, old_colours, new_colours)


def _within_rows(covered: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """Each row's pixels from the first to the last of `covered` on it."""
    cols = np.arange(covered.shape[1])
    rows = covered.any(axis=1)
    first = np.where(rows, np.argmax(covered, axis=1), covered.shape[1])
    last = np.where(rows, covered.shape[1] - 1 - np.argmax(covered[:, ::-1], axis=1), -1)
    return (cols[None, :] >= first[:, None]) & (cols[None, :] <= last[:, None])


def cloth_by_hand(
    before: NDArray[np.uint8],
    after: NDArray[np.uint8],
    discs: Mask,
    cover: NDArray[np.floating[Any]],
    old_colours: NDArray[np.floating[Any]],
    skin_colours: NDArray[np.floating[Any]],
    tolerance: float = 12.0,
) -> float | None:
    """The share of `discs` (round the hands the pose sees) that `after` left as in
    `before` where the new garment (`cover`) is not, between its leftmost and rightmost
    pixels on their row, and that is one of the old garment's colours (rows of CIE Lab,
    within `tolerance`) and nearer it than any of the skin's: khaki trousers or a
    print's pink cells beside a hand pass for skin, and kept in front with the hand they
    are a patch of the old garment on the new one. None where no disc meets the new
    garment's span."""
    covered = np.asarray(cover) >= 0.5
    inside = (np.asarray(discs) > 0) & _within_rows(covered)
    if np.count_nonzero(inside) < MIN_HAND_PIXELS or len(old_colours) == 0:
        return None
    unchanged = np.abs(after.astype(np.int16) - before.astype(np.int16)).max(axis=2) < UNCHANGED_BY
    kept = inside & ~covered & unchanged
    lab = cv2.cvtColor(after.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)[kept]
    to_old = _nearest(lab, old_colours)
    old = (to_old < tolerance) & (to_old < _nearest(lab, skin_colours))
    return float(np.count_nonzero(old) / np.count_nonzero(inside))


def pocket_hole(
    before: NDArray[np.uint8], after: NDArray[np.uint8], cover: NDArray[np.floating[Any]], person: Mask, discs: Mask
) -> float | None:
    """The share of `discs` (round the hands in pockets) on the `person` mask and between
    the new garment's (`cover`) leftmost and rightmost pixels on its row that `after`
    left as in `before`: a hand whose fingers are hidden shows only its back or wrist,
    which kept in front is a hole in the new garment. Beside or below the new garment
    (a hand in a trouser pocket under a short top's hem) nothing is read."""
    covered = np.asarray(cover) > 0.5
    inside = _within_rows(covered)
    disc = (np.asarray(discs) > 0) & (np.asarray(person) > 0)
    if np.count_nonzero(disc) < MIN_HAND_PIXELS:
        return None
    unchanged = np.abs(after.astype(np.int16) - before.astype(np.int16)).max(axis=2) < UNCHANGED_BY
    return float(np.count_nonzero(disc & inside & unchanged & ~covered) / np.count_nonzero(disc))


def shoulder_overhang(
    cover: NDArray[np.floating[Any]], body: Mask, neck: Point, hips: Point, shoulder_width: float
) -> float | None:
    """How much of the garment (`cover` over 0.5) lies off the person's silhouette `body`
    (the photo's, before the render) round the shoulders, in hundredths of a square
    shoulder width: a garment follows the shoulders' slope, and its seams do not stand
    up beside the neck. None where the shoulders are not in the photo."""
    region, _ = _shoulder_band(cover.shape, neck, hips, shoulder_width, SHOULDER_OUTER)
    if np.count_nonzero(region) < 50:
        return None
    off = region & (np.asarray(cover) > 0.5) & (np.asarray(body) == 0)
    return 100.0 * np.count_nonzero(off) / max(shoulder_width**2, 1.0)


def shoulder_wing(
    cover: NDArray[np.floating[Any]], body: Mask, neck: Point, hips: Point, shoulder_width: float
) -> float | None:
    """How much of the garment (`cover` over 0.5) lies off the person's silhouette `body`
    beside the shoulders, from their line down to `WING_LOW` below it, `WING_INNER` to
    `WING_OUTER` shoulder widths out, in hundredths of a square shoulder width: a
    sleeveless top's cap shoulders standing out past the arms' outline as wings (below
    `shoulder_overhang`'s band). None where the shoulders are not in the photo."""
    region, _ = _shoulder_band(cover.shape, neck, hips, shoulder_width, WING_OUTER, (0.0, WING_LOW), WING_INNER)
    if np.count_nonzero(region) < 50:
        return None
    off = region & (np.asarray(cover) > 0.5) & (np.asarray(body) == 0)
    return 100.0 * np.count_nonzero(off) / max(shoulder_width**2, 1.0)


def _shoulder_band(
    shape: tuple[int, ...],
    neck: Point,
    hips: Point,
    shoulder_width: float,
    outer: float,
    rows: tuple[float, float] = (SHOULDER_HIGH, SHOULDER_LOW),
    inner: float = SHOULDER_INNER,
) -> tuple[NDArray[np.bool_], NDArray[np.float32]]:
    """The band round the shoulders (`rows`: shoulder widths above their line and below
    it, `inner` to `outer` shoulder widths out from the middle, either side), and each
    pixel's place down it (0 at its top, 1 at its bottom)."""
    neck_, hips_ = np.asarray(neck, np.float64), np.asarray(hips, np.float64)
    up = neck_ - hips_
    up /= max(float(np.hypot(*up)), 1e-6)
    top = neck_ + up * rows[0] * shoulder_width
    along, across, _ = _axes(shape, top, neck_ - up * rows[1] * shoulder_width)
    side = np.abs(across)
    region = (along >= 0) & (along <= 1) & (side >= inner * shoulder_width) & (side <= outer * shoulder_width)
    return region, along


def shoulder_lumps(
    cover: NDArray[np.floating[Any]], backdrop: Mask, neck: Point, hips: Point, shoulder_width: float
) -> float | None:
    """How far (pixels, on average) the garment's outline (`cover` over 0.5) over the
    `backdrop` round the shoulders (`shoulder_overhang`'s band) strays from a smooth
    curve: the pixels an opening and a closing by a disc `LUMP_SIZE` shoulder widths
    across change there, per pixel of that outline. A shoulder runs from the neck over
    the joint into the sleeve as one smooth curve; a lumpy or stepped one is seen at once
    on a dark tee against a light wall. None where too little of it lies on the backdrop."""
    region, _ = _shoulder_band(cover.shape, neck, hips, shoulder_width, SHOULDER_OUTER)
    side = 2 * max(1, round(LUMP_SIZE * shoulder_width / 2)) + 1
    disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (side, side))
    # The outline's pixels on or beside the backdrop (the garment ends at its edge).
    beside = cv2.dilate(np.asarray(backdrop, np.uint8), np.ones((3, 3), np.uint8)) > 0
    solid = (np.asarray(cover) > 0.5).astype(np.uint8)
    edge = (solid > 0) & (cv2.erode(solid, np.ones((3, 3), np.uint8)) == 0) & region & beside
    if np.count_nonzero(edge) < side:
        return None
    smooth = cv2.morphologyEx(cv2.morphologyEx(solid, cv2.MORPH_OPEN, disc), cv2.MORPH_CLOSE, disc)
    near = cv2.dilate(edge.view(np.uint8), disc) > 0
    lumps = (smooth != solid) & region & near
    return float(np.count_nonzero(lumps)) / float(np.count_nonzero(edge))


def shoulder_outline_rough(
    cover: NDArray[np.floating[Any]], backdrop: Mask, neck: Point, hips: Point, shoulder_width: float
) -> float | None:
    """How far (shoulder widths, the deeper side) the garment's top edge (`cover` over
    0.5, the first row of it in each column with the `backdrop` just above) dips under
    the upper hull of that edge on either shoulder (`ROUGH_INNER` to `ROUGH_OUTER` out,
    down to `ROUGH_LOW` below the shoulders' line). Cloth laid over a shoulder runs from
    beside the neck to the sleeve as one convex roof, whose hull is itself: a knob
    standing up (an old strap kept in the mask) leaves the edge beside it under the hull,
    a notch dips under it, a cap standing up at the tip leaves a saddle. None where
    neither shoulder shows `ROUGH_SPAN` shoulder widths of edge over the backdrop."""
    region, along = _shoulder_band(
        cover.shape, neck, hips, shoulder_width, ROUGH_OUTER, (SHOULDER_HIGH, ROUGH_LOW), ROUGH_INNER
    )
    solid = (np.asarray(cover) > 0.5) & region
    if not solid.any():
        return None
    columns = np.flatnonzero(solid.any(axis=0))
    rows = np.argmax(solid[:, columns], axis=0)
    clear = np.asarray(backdrop, bool)[np.maximum(rows - 1, 0), columns] & (rows > 0)
    columns, rows = columns[clear], rows[clear]
    # In the picture's own axes, where each column holds one point of the edge (a hull
    # is the same however turned): out from the neck's column, up.
    out = columns - float(np.asarray(neck, np.float64)[0])
    height = -rows.astype(np.float64)
    worst = None
    for side in (out < 0, out > 0):
        if np.count_nonzero(side) < ROUGH_SPAN * shoulder_width:
            continue
        x, y = np.abs(out[side]), height[side]
        order = np.argsort(x)
        hull = _upper_hull(x[order], y[order])
        dip = _below_hull(hull, x, y) / shoulder_width
        worst = dip if worst is None else max(worst, dip)
    return worst


def shoulder_notch(figure: Mask, hair: Mask, neck: Point, hips: Point, shoulder_width: float) -> float | None:
    """How far (shoulder widths, the deeper side) the top of the rendered `figure` (the
    person as kept, the rebuilt skin, the new garment) dips under its upper hull over
    either shoulder, read where `shoulder_outline_rough` reads the garment's edge; a side
    with `hair` over it is not read.

    A bared shoulder runs from beside the neck over the arm's round cap as one convex
    roof. Rebuilt with its top at the old tank's shoulder, cut off at the joint, above
    an arm's cap that begins lower, the skin between them was refilled from the
    backdrop: a square notch cut into the shoulder, a step a shopper sees at once. None
    where neither shoulder shows `ROUGH_SPAN` shoulder widths of the figure's top."""
    shape = np.asarray(figure).shape
    region, _ = _shoulder_band(shape, neck, hips, shoulder_width, ROUGH_OUTER, (SHOULDER_HIGH, ROUGH_LOW), ROUGH_INNER)
    solid = np.asarray(figure, bool) & region
    if not solid.any():
        return None
    columns = np.flatnonzero(solid.any(axis=0))
    rows = np.argmax(solid[:, columns], axis=0)
    clear = ~np.asarray(figure, bool)[np.maximum(rows - 1, 0), columns] & (rows > 0)
    columns, rows = columns[clear], rows[clear]
    middle = float(np.asarray(neck, np.float64)[0])
    out = columns - middle
    height = -rows.astype(np.float64)
    locks = np.asarray(hair, bool) & region
    across = np.arange(shape[1]) - middle
    worst = None
    for sign in (-1.0, 1.0):
        side = out * sign > 0
        if np.count_nonzero(side) < ROUGH_SPAN * shoulder_width:
            continue
        if np.count_nonzero(locks[:, across * sign > 0]) >= NOTCH_HAIR_MOST * shoulder_width**2:
            continue
        x, y = np.abs(out[side]), height[side]
        order = np.argsort(x)
        dip = _below_hull(_upper_hull(x[order], y[order]), x, y) / shoulder_width
        worst = dip if worst is None else max(worst, dip)
    return worst


def _upper_hull(x: NDArray[np.float64], y: NDArray[np.float64]) -> NDArray[np.float64]:
    """The vertices of the upper convex hull of the points (`x` sorted ascending, `y`)."""
    hull: list[tuple[float, float]] = []
    for point in zip(x.tolist(), y.tolist(), strict=True):
        while len(hull) >= 2:
            (ax, ay), (bx, by) = hull[-2], hull[-1]
            # The last vertex goes if it lies on or under the line from the one before
            # it to the new point.
            if (bx - ax) * (point[1] - ay) - (by - ay) * (point[0] - ax) >= 0:
                hull.pop()
            else:
                break
        hull.append(point)
    return np.array(hull, np.float64)


def _below_hull(hull: NDArray[np.float64], x: NDArray[np.float64], y: NDArray[np.float64]) -> float:
    """The greatest distance (pixels) of the points (`x`, `y`) from the `hull`'s edges,
    each point from the edge nearest it: across the edge, not straight down, so the
    points down a steep tip lie on its hull."""
    if len(hull) < 2:
        return 0.0
    start, end = hull[:-1], hull[1:]
    edge = end - start
    length = np.maximum((edge**2).sum(axis=1), 1e-9)
    points = np.stack([x, y], axis=1)[:, None, :]
    t = np.clip(((points - start) * edge).sum(axis=2) / length, 0, 1)
    nearest = start + t[:, :, None] * edge
    return float(np.sqrt(((points - nearest) ** 2).sum(axis=2)).min(axis=1).max())


def shoulder_bare(
    cover: NDArray[np.floating[Any]], body: Mask, face: Mask, neck: Point, hips: Point, shoulder_width: float
) -> float | None:
    """How much of the person's skin `body` round the shoulders (`shoulder_overhang`'s
    region, less the `face`) the garment leaves uncovered just above it in the same
    column, in hundredths of a square shoulder width: a top's seam lying below the
    person's own shoulder, which stands above it beside the neck as a ledge of skin. Only
    out to `BARE_SHOULDER_OUTER`. None where the shoulders are not in the photo, or the
    garment leaves them bare (`SHOULDERS_COVERED`)."""
    region, along = _shoulder_band(cover.shape, neck, hips, shoulder_width, BARE_SHOULDER_OUTER)
    if np.count_nonzero(region) < 50:
        return None
    covered = np.asarray(cover) > 0.5
    line = region & (along >= SHOULDER_HIGH / (SHOULDER_HIGH + SHOULDER_LOW))
    if np.count_nonzero(line & covered) < SHOULDERS_COVERED * np.count_nonzero(line):
        return None
    h = covered.shape[0]
    rows = np.arange(h)[:, None]
    # Per pixel, the first covered row at or below it in its column.
    below = np.minimum.accumulate(np.where(covered, rows, 2 * h)[::-1], axis=0)[::-1]
    near = (below - rows) <= BARE_SHOULDER_REACH * shoulder_width
    bare = region & ~covered & near & (np.asarray(body) > 0) & ~np.asarray(face, bool)
    return 100.0 * np.count_nonzero(bare) / max(shoulder_width**2, 1.0)


def shoulder_shelf(
    cover: NDArray[np.floating[Any]], silhouette: Mask, neck: Point, hips: Point, shoulder_width: float
) -> float | None:
    """How much of the person's `silhouette` as shot stands above the garment's top edge
    (`cover` over 0.5) beside the neck, in hundredths of a square shoulder width: per
    column `SHELF_INNER` to `SHELF_OUTER` shoulder widths out, the silhouette's run up
    from that edge where it ends within `SHELF_REACH` (a shoulder, not the neck), less
    `SHELF_RIM`. A worn tee's shoulder line is the body's from the neck to the shoulder's
    tip; a seam placed lower leaves the body's shoulder above it as a shelf of skin, or
    of the old top rebuilt as skin. None where the shoulders are not in the photo, or the
    garment leaves them bare (`SHOULDERS_COVERED`)."""
    region, along = _shoulder_band(cover.shape, neck, hips, shoulder_width, BARE_SHOULDER_OUTER)
    if np.count_nonzero(region) < 50:
        return None
    covered = np.asarray(cover) > 0.5
    line = region & (along >= SHOULDER_HIGH / (SHOULDER_HIGH + SHOULDER_LOW))
    if np.count_nonzero(line & covered) < SHOULDERS_COVERED * np.count_nonzero(line):
        return None
    body = np.asarray(silhouette) > 0
    h, w = covered.shape
    x0, y0 = float(neck[0]), float(neck[1])
    reach = SHELF_REACH * shoulder_width
    # The garment's top edge over the shoulders: its first row from well above them down
    # to the band's foot.
    lowest = int(np.clip(y0 + SHOULDER_LOW * shoulder_width, 0, h - 1))
    highest = int(np.clip(y0 - SHELF_HIGH * shoulder_width, 0, h - 1))
    total = 0.0
    for x in range(w):
        if not SHELF_INNER * shoulder_width <= abs(x - x0) <= SHELF_OUTER * shoulder_width:
            continue
        rows = np.flatnonzero(covered[highest : lowest + 1, x])
        if not len(rows):
            continue
        top = highest + int(rows[0])
        above = body[:top, x][::-1]
        run = int(np.argmin(above)) if not above.all() else len(above)
        if run < reach:
            total += max(run - SHELF_RIM * shoulder_width, 0.0)
    return 100.0 * total / max(shoulder_width**2, 1.0)


def strap_out(
    cover: NDArray[np.floating[Any]], body: Mask, neck: Point, hips: Point, shoulder_width: float
) -> float | None:
    """Where a strappy top's straps (`cover` over 0.5 above the shoulders' line) cross
    the shoulders, as a share of the way from the neck's side (0) out to the shoulder's
    tip (1) on the person's silhouette `body`; the further side. A cami's straps lie
    beside the neck, about halfway out; on the shoulder tips they read as a garment
    slipping off. None for a garment that covers the shoulders (`shoulder_bare`'s
    `SHOULDERS_COVERED`), with no straps found, or where the shoulders are not in the
    photo."""
    region, along = _shoulder_band(cover.shape, neck, hips, shoulder_width, SHOULDER_OUTER)
    if np.count_nonzero(region) < 50:
        return None
    covered = np.asarray(cover) > 0.5
    line = region & (along >= SHOULDER_HIGH / (SHOULDER_HIGH + SHOULDER_LOW))
    if np.count_nonzero(line & covered) >= SHOULDERS_COVERED * np.count_nonzero(line):
        return None
    band, on_line = _shoulder_band(
        cover.shape, neck, hips, shoulder_width, SHOULDER_OUTER, (SHOULDER_HIGH, 0.0), STRAP_INNER
    )
    neck_, hips_ = np.asarray(neck, np.float64), np.asarray(hips, np.float64)
    _, across, _ = _axes(cover.shape, hips_, neck_)
    up = (neck_ - hips_) / max(float(np.hypot(*(neck_ - hips_))), 1e-6)
    right = np.array([-up[1], up[0]])
    silhouette = np.asarray(body) > 0
    reach = SHOULDER_OUTER * shoulder_width
    neck_side = min(
        _run_through(silhouette, neck_ + up * STRAP_NECK * shoulder_width, right, reach) / 2,
        STRAP_NECK_MOST * shoulder_width,
    )
    tips = band & silhouette & (on_line >= 1.0 - STRAP_LINE / SHOULDER_HIGH)
    shares = []
    for side in (-1.0, 1.0):
        strap = band & covered & (across * side > 0)
        tip = tips & (across * side > 0)
        if np.count_nonzero(strap) < STRAP_LEAST * shoulder_width**2 / 100 or not tip.any():
            continue
        out = float(np.max(np.abs(across[tip])))
        if out <= neck_side:
            continue
        shares.append((float(np.median(np.abs(across[strap]))) - neck_side) / (out - neck_side))
    return max(shares) if shares else None


def face_region(
    points: NDArray[np.floating[Any]], visibility: NDArray[np.floating[Any]], shape: tuple[int, ...]
) -> NDArray[np.bool_]:
    """The face, crown to chin, from pose landmarks 0-10 (MediaPipe's order: nose, eyes,
    ears, mouth corners): an ellipse round them reaching down to the chin, and one over
    the top of the head (a hood pasted up over the hair is as wrong as one over the
    eyes, and no garment reaches above the brow)."""
    h, w = shape[:2]
    face = np.zeros((h, w), np.uint8)
    if min(visibility[0], visibility[9], visibility[10]) < 0.5:
        return face > 0
    eyes = (np.asarray(points[2]) + np.asarray(points[5])) / 2
    mouth = (np.asarray(points[9]) + np.asarray(points[10])) / 2
    drop = float(np.hypot(*(mouth - eyes)))
    ears = float(np.hypot(*(np.asarray(points[7]) - np.asarray(points[8]))))
    half_width = max(ears / 2, drop * 1.2)
    top, chin = eyes[1] - drop * 0.9, mouth[1] + drop * 0.9
    centre = (round(float(eyes[0] + mouth[0]) / 2), round(float(top + chin) / 2))
    axes = (max(1, int(half_width * 0.9)), max(1, int((chin - top) / 2)))
    cv2.ellipse(face, centre, axes, 0, 0, 360, (255,), -1)
    crown = (round(float(eyes[0])), round(float(eyes[1] - drop * 0.9)))
    cv2.ellipse(face, crown, (axes[0], max(1, int(drop * 0.9))), 0, 0, 360, (255,), -1)
    return face > 0


def face_overlap(cover: NDArray[np.floating[Any]], face: Mask) -> float | None:
    """The share of the face's pixels the garment covers."""
    inside = np.asarray(face) > 0
    if np.count_nonzero(inside) < 30:
        return None
    return float(np.mean(cover[inside] > 0.5))


def _run_through(
    mask: NDArray[np.bool_], centre: NDArray[np.float64], right: NDArray[np.float64], reach: float
) -> float:
    """The width of `mask`'s run across the line through `centre` along `right` that
    holds `centre` (0 when `centre` is not in the mask)."""
    h, w = mask.shape
    offsets = np.arange(-int(reach), int(reach) + 1, dtype=np.float64)
    xy = np.round(centre[None, :] + offsets[:, None] * right[None, :]).astype(int)
    inside = (xy[:, 0] >= 0) & (xy[:, 0] < w) & (xy[:, 1] >= 0) & (xy[:, 1] < h)
    on = np.zeros(len(offsets), bool)
    on[inside] = mask[xy[inside, 1], xy[inside, 0]]
    middle = len(offsets) // 2
    if not on[middle]:
        return 0.0
    off = np.flatnonzero(~on)
    left = off[off < middle]
    right_end = off[off > middle]
    start = left[-1] + 1 if len(left) else 0
    stop = right_end[0] if len(right_end) else len(on)
    return float(stop - start)


def _midline(
    top: Point, bottom: Point
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], float] | None:
    """The body's midline from `top` to `bottom`: its start, its unit direction down, the
    unit direction across it and its length; None when it is too short to read along."""
    top_, bottom_ = np.asarray(top, np.float64), np.asarray(bottom, np.float64)
    down = bottom_ - top_
    length = float(np.hypot(*down))
    if length < 8:
        return None
    down /= length
    return top_, down, np.array([-down[1], down[0]]), length


def width_ratio(
    cover: NDArray[np.floating[Any]],
    body: Mask,
    top: Point,
    bottom: Point,
    span: tuple[float, float] = (0.3, 1.0),
    arms: Mask | None = None,
    sleeves: Mask | None = None,
) -> float | None:
    """The garment's width over the body's, the median over lines across the midline
    from `top` to `bottom` between the shares `span` of its length, taken where the
    garment crosses the midline.

    `arms` (the arms' pixels) are taken out of the body, and `sleeves` (the part of the
    arms the garment's own sleeves reach) out of the garment: a garment that runs on over
    an arm where it has no sleeve has swallowed it, and measures as wide as body and
    arm together. Taking the whole arm out of the garment too would cut it at the arm's
    edge and hide just that fault.
    """
    midline = _midline(top, bottom)
    if midline is None:
        return None
    top_, down, right, length = midline
    garment, person = cover > 0.5, np.asarray(body) > 0
    if arms is not None:
        person = person & ~(np.asarray(arms) > 0)
    if sleeves is not None:
        garment = garment & ~(np.asarray(sleeves) > 0)
    ratios = []
    for t in np.linspace(span[0], span[1], 15):
        centre = top_ + down * length * t
        worn = _run_through(garment, centre, right, length * 1.5)
        own = _run_through(person, centre, right, length * 1.5)
        if worn > 0 and own > 0:
            ratios.append(worn / own)
    return float(np.median(ratios)) if len(ratios) >= 3 else None


def bodice_width(cover: NDArray[np.floating[Any]], body: Mask, top: Point, bottom: Point, arms: Mask) -> float | None:
    """A dress's bodice against the trunk (`width_ratio` from the armpits to the waist,
    `arms` taken out of the body and the garment alike): a bodice narrower than the
    body leaves strips of rebuilt skin, or of the old top, between it and the arms, which
    the whole dress's median width (its skirt as wide as the hips) does not show."""
    return width_ratio(cover, body, top, bottom, BODICE_SPAN, arms=arms, sleeves=arms)


def skirt_width(
    cover: NDArray[np.floating[Any]], body: Mask, hips: Point, knees: Point, arms: Mask, hands: Mask | None = None
) -> float | None:
    """A dress's skirt against the body (`width_ratio` from the hips down `SKIRT_SPAN` of
    the way to the knees, `arms` taken out of both): a skirt narrower than the hips, or
    than the old wide bottoms, leaves the gap beside the hanging arm to be rebuilt, as a
    skin wedge, a column of backdrop or flecks of the old trousers.

    The person's own `hands` are taken out of both too: hanging beside the thighs they
    lie in the person's mask, and a skirt that meets them read as narrower than the
    hips by the hands' width (a clean render failed); a gap between the skirt and a hand
    is still read, the body's run going on up to the hand."""
    out = np.asarray(arms) > 0
    if hands is not None:
        out = out | (np.asarray(hands) > 0)
    return width_ratio(cover, body, hips, knees, SKIRT_SPAN, arms=out, sleeves=out)


def waist_pinch(
    cover: NDArray[np.floating[Any]], top: Point, bottom: Point, sleeves: Mask, front: Mask | None = None
) -> float | None:
    """How far a top's width across the body (its runs through the midline from `top` to
    `bottom` over `WAIST_PINCH_SPAN`, the `sleeves`' bands left out) dips below the
    narrower of its widest above and below, as a share of that: 0 for a top hanging
    straight or flaring, more for one pinched in at the waist. A line whose run ends at
    `front` (a hand or forearm kept in front of the top) is not read: the top goes on
    under it, and the run stopped at the arm, not at the top's side. None where fewer
    than three lines are read."""
    midline = _midline(top, bottom)
    if midline is None:
        return None
    top_, down, right, length = midline
    garment = (cover > 0.5) & ~(np.asarray(sleeves) > 0)
    ahead = (
        np.zeros(garment.shape, bool)
        if front is None
        else cv2.dilate(np.asarray(front, np.uint8), np.ones((5, 5), np.uint8)) > 0
    )
    h, w = garment.shape
    reach = int(length * 1.5)
    offsets = np.arange(-reach, reach + 1, dtype=np.float64)
    runs = []
    for t in np.linspace(WAIST_PINCH_SPAN[0], WAIST_PINCH_SPAN[1], 14):
        xy = np.round(top_ + down * length * t + offsets[:, None] * right).astype(int)
        inside = (xy[:, 0] >= 0) & (xy[:, 0] < w) & (xy[:, 1] >= 0) & (xy[:, 1] < h)
        on, near = np.zeros(len(offsets), bool), np.zeros(len(offsets), bool)
        on[inside] = garment[xy[inside, 1], xy[inside, 0]]
        near[inside] = ahead[xy[inside, 1], xy[inside, 0]]
        if not on[reach] or near[reach]:
            continue
        off = np.flatnonzero(~on)
        start = off[off < reach][-1] if (off < reach).any() else None
        stop = off[off > reach][0] if (off > reach).any() else None
        if (start is not None and near[start]) or (stop is not None and near[stop]):
            continue
        runs.append(float((len(on) if stop is None else stop) - (-1 if start is None else start) - 1))
    if len(runs) < 3:
        return None
    dips = [
        (min(max(runs[:i]), max(runs[i + 1 :])) - runs[i]) / min(max(runs[:i]), max(runs[i + 1 :]))
        for i in range(1, len(runs) - 1)
    ]
    return max(0.0, *dips)


def feet_region(
    points: NDArray[np.floating[Any]], visibility: NDArray[np.floating[Any]], body: Mask, shape: tuple[int, ...]
) -> NDArray[np.bool_]:
    """The person's feet (and the shoes on them): the body below each ankle, within a
    box round the ankle, heel and toe grown by half the foot's own span. Empty where a
    foot's points are not seen."""
    h, w = shape[:2]
    region = np.zeros((h, w), bool)
    inside = np.asarray(body) > 0
    for ankle, heel, toe in FEET:
        if min(visibility[ankle], visibility[heel], visibility[toe]) < 0.25:
            continue
        foot = np.asarray([points[ankle], points[heel], points[toe]], np.float64)[:, :2]
        span = max(float(np.ptp(foot[:, 0])), float(np.ptp(foot[:, 1])), 4.0)
        x0, x1 = int(max(0, foot[:, 0].min() - span / 2)), int(min(w, foot[:, 0].max() + span / 2 + 1))
        y0, y1 = int(max(0, foot[0, 1])), int(min(h, foot[:, 1].max() + span / 2 + 1))
        if x1 > x0 and y1 > y0:
            region[y0:y1, x0:x1] |= inside[y0:y1, x0:x1]
    return region


def old_shoe_left(
    image: NDArray[np.uint8],
    feet: Mask,
    old_colours: NDArray[np.floating[Any]],
    new_colours: NDArray[np.floating[Any]],
    tolerance: float = 12.0,
) -> float | None:
    """The share of the feet (`feet_region` of the photo before) that still shows the
    old shoes' colours and none of the new shoes', the floor's or the skin's (passed in
    `new_colours`): an old shoe left beside, behind or above the new one."""
    return old_colour_left(image, feet, old_colours, new_colours, tolerance)


def item_left_out(rgb: NDArray[np.uint8], alpha: NDArray[np.floating[Any]]) -> float | None:
    """The share of the cut-out's outline (the hull of its solid pixels, a little inside)
    that was left out (alpha under 0.05) though its colour is unlike the backdrop's (the
    median of the crop's clear border): a part of the item given to the backdrop. None
    when too little clear border is left to tell the backdrop's colour."""
    alpha = np.asarray(alpha)
    clear = alpha < 0.05
    border = np.zeros(alpha.shape, bool)
    border[:2], border[-2:], border[:, :2], border[:, -2:] = True, True, True, True
    lab = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2LAB).astype(np.float32)
    reference = lab[clear & border]
    points = cv2.findNonZero((alpha > 0.5).astype(np.uint8))
    if len(reference) < 20 or points is None:
        return None
    hull = np.zeros(alpha.shape, np.uint8)
    cv2.fillConvexPoly(hull, cv2.convexHull(points), (1,))
    inside = cv2.erode(hull, np.ones((5, 5), np.uint8)) > 0
    unlike = np.linalg.norm(lab - np.median(reference, axis=0), axis=2) > LEFT_OUT_DISTANCE
    return float(np.count_nonzero(inside & clear & unlike) / max(1, np.count_nonzero(inside)))


def garment_left_out(rgb: NDArray[np.uint8], alpha: NDArray[np.floating[Any]]) -> float | None:
    """The share of the product's outline that the cut-out `alpha` leaves out (under 0.5).

    The outline is what the backdrop (the border's median colour, within
    `LEFT_OUT_DISTANCE`), flooded from the photo's border, does not reach past the
    photo's edges (Canny, gaps of a few pixels closed): unlike the colour difference, it
    keeps a white garment's white ground on white. None when the flood finds no outline.
    """
    lab = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2LAB).astype(np.float32)
    border = np.concatenate([lab[0], lab[-1], lab[:, 0], lab[:, -1]])
    near = np.linalg.norm(lab - np.median(border, axis=0), axis=2) < LEFT_OUT_DISTANCE
    edges = cv2.Canny(cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2GRAY), 10, 30)
    edges = cv2.dilate(cv2.morphologyEx(edges, cv2.MORPH_CLOSE, np.ones((7, 7), np.uint8)), np.ones((3, 3), np.uint8))
    _, labels = cv2.connectedComponents((near & (edges == 0)).astype(np.uint8), connectivity=4)
    reached = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    outline = ~np.isin(labels, reached[reached > 0])
    if not outline.any():
        return None
    return float(np.count_nonzero(outline & (np.asarray(alpha) < 0.5)) / np.count_nonzero(outline))


def garment_backdrop_kept(rgb: NDArray[np.uint8], alpha: NDArray[np.floating[Any]]) -> float | None:
    """The share of the cut-out `alpha` (over 0.5) of the product photo `rgb` that is the
    backdrop between the garment and the photo's edge: pixels within
    `KEPT_BACKDROP_DISTANCE` of the border's median colour (over its spread), joined to the
    photo's edge through such pixels alone, within `KEPT_BACKDROP_DEPTH` of it. A garment's
    outline stops nothing here: a strip the cut-out took for garment is the backdrop's
    colour right up to the edge. None for an empty cut-out.
    """
    solid = np.asarray(alpha) > 0.5
    if not solid.any():
        return None
    h, w = solid.shape
    depth = max(2, round(KEPT_BACKDROP_DEPTH * max(h, w)))
    band = np.ones((h, w), bool)
    band[depth : h - depth, depth : w - depth] = False
    lab = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2LAB).astype(np.float32)
    border = np.concatenate([lab[0], lab[-1], lab[:, 0], lab[:, -1]])
    backdrop = np.median(border, axis=0)
    spread = float(np.median(np.linalg.norm(border - backdrop, axis=1)))
    near = band & (np.linalg.norm(lab - backdrop, axis=2) - spread < KEPT_BACKDROP_DISTANCE)
    _, labels = cv2.connectedComponents(near.astype(np.uint8), connectivity=4)
    edge = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    kept = solid & np.isin(labels, edge[edge > 0])
    return float(np.count_nonzero(kept) / np.count_nonzero(solid))


def item_strands(alpha: NDArray[np.floating[Any]]) -> float | None:
    """How far the cut-out's solid pixels reach from its body (the part at least
    `STRAND_DEPTH` deep inside its outline, holes filled so that a strap round an opening
    counts as body), as a share of its size: a loose lace left on runs out far. None for
    an empty cut-out or one with no body that thick."""
    solid = (np.asarray(alpha) > 0.5).astype(np.uint8)
    outline = np.zeros_like(solid)
    contours, _ = cv2.findContours(solid, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    cv2.drawContours(outline, contours, -1, (1,), -1)
    size = float(np.sqrt(np.count_nonzero(outline)))
    if size == 0:
        return None
    body = cv2.distanceTransform(outline, cv2.DIST_L2, 5) >= STRAND_DEPTH * size
    if not body.any():
        return None
    away = cv2.distanceTransform((~body).astype(np.uint8), cv2.DIST_L2, 5)
    return float(away[solid > 0].max()) / size


def _bare_skin(image: NDArray[np.uint8], skin_lab: NDArray[np.floating[Any]]) -> NDArray[np.bool_]:
    """The pixels of `image` near the skin's colour in the shade or light of a leg."""
    lab = cv2.cvtColor(np.ascontiguousarray(image), cv2.COLOR_RGB2LAB).astype(np.float32)
    reference = np.asarray(skin_lab, np.float32)
    weighed = (lab - reference) * np.array([0.4, 1.0, 1.0], np.float32)
    chroma = np.hypot(lab[..., 1] - 128, lab[..., 2] - 128)
    least = 0.5 * float(np.hypot(reference[1] - 128, reference[2] - 128))
    return np.asarray((np.linalg.norm(weighed, axis=2) < REBUILT_SKIN) & (chroma >= least))


def shaft_left(
    image: NDArray[np.uint8],
    cover: NDArray[np.floating[Any]],
    body: NDArray[np.bool_],
    skin_lab: NDArray[np.floating[Any]],
    shins: Sequence[tuple[Point, Point]],
    length: float,
) -> float | None:
    """The most rows (over the shoe's `length`) of leg that is not skin between a new
    shoe's top and the bare shin above it, in a narrow band down each shin (`shins`:
    knee, ankle): an old boot's shaft or a sandal's ankle strap left above the new shoe.
    Rows that are not the person (floor) are `collar_gap`'s. None when no leg above a new
    shoe is bare within 0.8 of a length (trousers, tights)."""
    solid = np.asarray(cover) > 0.5
    h, w = solid.shape
    if length <= 0:
        return None
    skin = _bare_skin(image, skin_lab)
    need = max(2, int(round(0.06 * length)))
    half = max(1, int(round(0.08 * length)))
    found = []
    for knee, ankle in shins:
        kx, ky, ax, ay = (float(v) for v in (*knee[:2], *ankle[:2]))
        x = int(round(ax))
        if not (0 <= x < w) or ay <= ky:
            continue
        band = slice(max(0, x - half), min(w, x + half + 1))
        rows = np.nonzero(solid[:, band].any(axis=1) & (np.arange(h) > ay - 0.5 * length))[0]
        if not len(rows):
            continue
        top = int(rows.min())
        ys = np.arange(top - 1, int(max(-1, top - 0.8 * length)), -1)
        if len(ys) < need:
            continue
        centres = np.round(ax + (kx - ax) * (ay - ys) / (ay - ky)).astype(int)
        cols = np.clip(centres[:, None] + np.arange(-half, half + 1)[None, :], 0, w - 1)
        person = body[ys[:, None], cols].mean(axis=1) >= 0.5
        bare = person & (skin[ys[:, None], cols].mean(axis=1) >= 0.6)
        covered = person & ~bare
        runs = np.convolve(bare.astype(np.int32), np.ones(need, np.int32), mode="valid") == need
        if runs.any():
            found.append(int(covered[: int(np.argmax(runs))].sum()) / length)
    return max(found) if found else None


def leg_shown(
    before: NDArray[np.uint8],
    after: NDArray[np.uint8],
    body: NDArray[np.bool_],
    cover: NDArray[np.floating[Any]],
    skin_lab: NDArray[np.floating[Any]],
) -> NDArray[np.bool_]:
    """The person's pixels (`body`) that show the leg after a shoes render, outside the new
    shoe (`cover`): left as they were, or changed to the skin's colour (a bare shin run
    down where an old boot's shaft was). Counted as not leg, a rebuilt shin read as a
    band of floor above the new shoe for `collar_gap`."""
    kept = body & np.all(after == before, axis=2)
    return np.asarray(kept | (body & (np.asarray(cover) < 0.5) & _bare_skin(after, skin_lab)))


def collar_gap(
    cover: NDArray[np.floating[Any]], kept: NDArray[np.bool_], ankles: Sequence[Point], length: float
) -> float | None:
    """The widest band (rows, over the shoe's `length`) between the lowest pixel of the
    leg that the render kept (`kept`: the person's pixels left as they were) and the
    highest of the new shoe (`cover`) in the columns under each ankle: floor showing
    where the leg should come down into the shoe. None when no ankle has both there."""
    solid = np.asarray(cover) > 0.5
    h, w = solid.shape
    half = max(1, int(length * 0.05))
    gaps = []
    for ankle in ankles:
        x, y = int(round(float(ankle[0]))), int(round(float(ankle[1])))
        if not (0 <= x < w and 0 <= y < h):
            continue
        band = slice(max(0, x - half), min(w, x + half + 1))
        rows = np.arange(h)
        leg = kept[: min(h, y + int(length * 0.3)), band].any(axis=1)
        shoe = solid[:, band].any(axis=1) & (rows > y - length * 0.5)
        if not leg.any() or not shoe.any():
            continue
        end = int(np.nonzero(leg)[0].max())
        below = np.nonzero(shoe & (rows > end))[0]
        gaps.append(max(0, int(below.min()) - end - 1) if len(below) else 0)
    return float(max(gaps)) / length if gaps and length > 0 else None


def sole_fall(cover: NDArray[np.floating[Any]], feet: Sequence[Sequence[Point]], length: float) -> float | None:
    """The least fall (rows over columns) of a shoe's lowest outline from its inner end
    to its outer end, over the feet (ankle, heel, toe; two of them) that face the camera:
    the heel-to-toe runs across the picture by no more than 0.35 of the shoe's `length`.
    Each foot's shoe is the solid `cover` on its side of the ankles' middle, within a
    length of its ankle; its ends' soles are the lowest points of the quarter of its
    columns nearest and furthest from that middle (a heel's tip, a toe: on the floor
    alike in a side view); a pointed foot (`pointed_foot`) is not read. None when no
    foot faces the camera, the ankles stand in one column (0.25 of a length), one foot
    stands ahead of the other (its sole 0.3 of a length lower in the picture) or no
    shoe is there."""
    solid = np.asarray(cover) > 0.5
    h, w = solid.shape
    if len(feet) != 2 or length <= 0:
        return None
    apart = abs(float(feet[0][0][0]) - float(feet[1][0][0]))
    ahead = abs(max(float(p[1]) for p in feet[0][1:]) - max(float(p[1]) for p in feet[1][1:]))
    if apart < 0.25 * length or ahead > 0.3 * length:
        return None  # one foot ahead of the other (walking): its shoe reaches across the middle
    middle = (float(feet[0][0][0]) + float(feet[1][0][0])) / 2
    falls = []
    for ankle, heel, toe in feet:
        if abs(float(toe[0]) - float(heel[0])) > 0.35 * length or pointed_foot(ankle, heel, toe, length):
            continue
        out = 1 if float(ankle[0]) >= middle else -1
        x = float(ankle[0])
        lo = int(max(0.0, middle if out > 0 else x - length, x - length))
        hi = int(min(float(w), x + length, x + length if out > 0 else middle))
        top = int(max(0, ankle[1] - 0.3 * length))
        bottom = int(min(h, max(float(heel[1]), float(toe[1])) + 0.5 * length))
        part = solid[top:bottom, lo:hi]
        columns = np.nonzero(part.any(axis=0))[0]
        if len(columns) < 0.2 * length:
            continue
        lowest = part.shape[0] - 1 - np.argmax(part[::-1, columns], axis=0)
        quarter = max(1, len(columns) // 4)
        inner, outer = (lowest[:quarter], lowest[-quarter:]) if out > 0 else (lowest[-quarter:], lowest[:quarter])
        falls.append(float(outer.max() - inner.max()) / len(columns))
    return min(falls) if falls else None


def _floor_changed(
    before: NDArray[np.uint8],
    after: NDArray[np.uint8],
    cover: NDArray[np.floating[Any]],
    skin_lab: NDArray[np.floating[Any]] | Sequence[float],
    least: int,
    pad: int,
) -> tuple[NDArray[np.bool_], NDArray[np.bool_], tuple[slice, slice], NDArray[np.float32], NDArray[np.bool_]] | None:
    """What the floor checks read round new shoes: where the render changed the photo,
    where it is off the shoes' `cover`, the box round both (padded by `pad`), the render
    in Lab and its skin-coloured pixels in that box. None with under `least` pixels
    changed off the shoes."""
    changed = np.any(np.abs(after.astype(np.int16) - before.astype(np.int16)) > 6, axis=2)
    off = np.asarray(cover) < 0.05
    region = changed & off
    if np.count_nonzero(region) < least:
        return None
    ys, xs = np.nonzero(region)
    h, w = region.shape
    box = (
        slice(max(0, ys.min() - pad), min(h, ys.max() + pad + 1)),
        slice(max(0, xs.min() - pad), min(w, xs.max() + pad + 1)),
    )
    lab = cv2.cvtColor(np.ascontiguousarray(after[box]), cv2.COLOR_RGB2LAB).astype(np.float32)
    skin = np.linalg.norm(lab - np.asarray(skin_lab, np.float32), axis=2) < FLOOR_SKIN
    return changed, off, box, lab, skin


def floor_halo(
    before: NDArray[np.uint8],
    after: NDArray[np.uint8],
    cover: NDArray[np.floating[Any]],
    person: NDArray[np.bool_],
    skin_lab: NDArray[np.floating[Any]] | Sequence[float],
) -> float | None:
    """The share of the edge of what the render changed round the new shoes (off the
    shoes' `cover`, on the floor: `person` false in the photo `before`) where the change
    steps away from the floor kept beside it: the old shoe's place filled paler or greyer
    than the floor round it shows as a blob or ghost larger than the new shoe. A fill
    that matches the floor, and a soft contact shadow, fade into it with no step. Skin
    (a bare leg run down into a low shoe) is left out. None with under 20 edge pixels."""
    found = _floor_changed(before, after, cover, skin_lab, 20, FLOOR_BAND[1] * 3)
    if found is None:
        return None
    changed, off, box, lab, skin = found
    inside = (changed & off)[box].astype(np.uint8)
    depth = cv2.distanceTransform(inside, cv2.DIST_L2, 3)
    away = cv2.distanceTransform(1 - inside, cv2.DIST_L2, 3)
    near, far = FLOOR_BAND
    kept = ~np.asarray(person)[box] & off[box]
    bands = (
        ((depth >= near) & (depth <= far) & ~skin).astype(np.float32),
        ((away >= 1) & (away <= far - near + 1) & kept).astype(np.float32),
    )
    means = []
    for band in bands:
        norm = cv2.GaussianBlur(band, (0, 0), far)
        means.append((cv2.GaussianBlur(lab * band[..., None], (0, 0), far) / np.maximum(norm, 1e-4)[..., None], norm))
    edge = (depth > 0) & (depth <= 1.5) & (means[0][1] > 0.05) & (means[1][1] > 0.05)
    if np.count_nonzero(edge) < 20:
        return None
    step = np.linalg.norm(means[0][0] - means[1][0], axis=2)[edge]
    return float(np.mean(step > FLOOR_STEP))


def hem_cut(
    before: NDArray[np.uint8],
    after: NDArray[np.uint8],
    cover: NDArray[np.floating[Any]],
    person: NDArray[np.bool_],
    skin_lab: NDArray[np.floating[Any]] | Sequence[float],
    ankles: Sequence[Point],
    length: float,
) -> float | None:
    """The share of the trouser leg below the ankles (`person` pixels in the photo
    `before` of the colour the covered leg has just above each ankle, joined to it,
    within `HEM_BELOW` of a length under it) that the render changed to anything but the
    new shoe (`cover`). None where no ankle has a covered leg above it (a bare shin)."""
    h, w = person.shape
    lab = cv2.cvtColor(np.ascontiguousarray(before), cv2.COLOR_RGB2LAB).astype(np.float32)
    weights = np.array([0.4, 1.0, 1.0], np.float32)
    skin = np.linalg.norm((lab - np.asarray(skin_lab, np.float32)) * weights, axis=2) < HEM_NEAR
    changed = np.any(np.abs(after.astype(np.int16) - before.astype(np.int16)) > 6, axis=2)
    taken = changed & (np.asarray(cover) < 0.5)
    hem_total, cut_total = 0, 0
    for ankle in ankles:
        x, y = float(ankle[0]), float(ankle[1])
        cols = slice(int(max(0, x - 0.4 * length)), int(min(w, x + 0.4 * length + 1)))
        above = slice(int(max(0, y - HEM_ROWS[0] * length)), int(max(0, y - HEM_ROWS[1] * length)))
        leg = person[above, cols]
        covered = leg & ~skin[above, cols]
        if covered.sum() < max(20, HEM_COVERED * leg.sum()):
            continue
        colour = np.median(lab[above, cols][covered], axis=0)
        if float(np.hypot(colour[1] - 128, colour[2] - 128)) < HEM_CHROMA:
            continue  # grey, black, white or skin-toned: as near an old shoe's colour
        rows = slice(above.start, int(min(h, y + HEM_BELOW * length)))
        like = person[rows, cols] & (np.linalg.norm((lab[rows, cols] - colour) * weights, axis=2) < HEM_NEAR)
        count, labels = cv2.connectedComponents(like.astype(np.uint8), connectivity=8)
        top = above.stop - above.start
        joined = np.unique(labels[:top][like[:top]])
        hem = np.isin(labels, joined[joined > 0])
        hem[:top] = False
        hem_total += int(hem.sum())
        cut_total += int((hem & taken[rows, cols]).sum())
    return cut_total / hem_total if hem_total >= 20 else None


def _grain(lightness: NDArray[np.float32]) -> NDArray[np.float32]:
    """Each pixel's grain: the spread of `lightness` about its mean in `GRAIN_WINDOW`."""
    size = (GRAIN_WINDOW, GRAIN_WINDOW)
    mean = cv2.blur(lightness, size)
    return cast(NDArray[np.float32], np.sqrt(np.maximum(cv2.blur(lightness * lightness, size) - mean * mean, 0)))


def floor_smear(
    before: NDArray[np.uint8],
    after: NDArray[np.uint8],
    cover: NDArray[np.floating[Any]],
    person: NDArray[np.bool_],
    skin_lab: NDArray[np.floating[Any]] | Sequence[float],
) -> float | None:
    """The share of the floor the render filled round the new shoes (changed, off the
    shoes' `cover` by a few px, not skin: a bare leg run down) whose grain is under
    `SMOOTH_SHARE` of the grain of the floor kept beside it (not `person` in the photo
    `before`, unchanged): a blurred fill on sand or asphalt reads as a smear box round
    the shoe however well its colour matches. None on a plain floor (its grain under
    `GRAIN_LEAST`) or with under 50 filled pixels to measure."""
    found = _floor_changed(before, after, cover, skin_lab, 50, GRAIN_WINDOW * 4)
    if found is None:
        return None
    changed, off, box, lab, skin = found
    region = changed & off
    grain = _grain(np.ascontiguousarray(lab[..., 0]))
    reach = np.ones((GRAIN_WINDOW, GRAIN_WINDOW), np.uint8)
    # Off the shoe's edge and the fill's own edge: both are steps, not grain.
    shoe = cv2.dilate((~off[box]).astype(np.uint8), reach) > 0
    filled = cv2.erode(region[box].astype(np.uint8), reach) > 0
    filled &= ~shoe & ~skin
    kept = cv2.erode((~np.asarray(person)[box] & ~changed[box] & off[box]).astype(np.uint8), reach) > 0
    if np.count_nonzero(filled) < 50 or np.count_nonzero(kept) < 50:
        return None
    floor = float(np.median(grain[kept]))
    if floor < GRAIN_LEAST:
        return None
    return float(np.mean(grain[filled] < SMOOTH_SHARE * floor))


def shoe_above_sole(
    cover: NDArray[np.floating[Any]], soles: Sequence[tuple[int, int, float]], length: float
) -> float | None:
    """How far (over a shoe's `length`) the new shoe's lowest row ends above its foot's
    sole, the worst foot: each foot's columns `x0..x1` and sole row as the input photo
    shows them (the person's leg and a shoe under it, down from the ankle). None when no
    shoe is drawn in a foot's columns."""
    solid = np.asarray(cover) > 0.5
    above = []
    for x0, x1, sole in soles:
        rows = np.nonzero(solid[:, max(0, x0) : max(0, x1)].any(axis=1))[0]
        if len(rows) and length > 0:
            above.append((sole - float(rows[-1] + 1)) / length)
    return max(above) if above else None


def shoes_merged(cover: NDArray[np.floating[Any]], feet: Sequence[Sequence[Point]], length: float) -> float | None:
    """The share of the shoes' rows (the solid `cover` within a `length` of the ankles'
    middle column, from the higher ankle down) in which the shoes run unbroken across
    that middle, three columns wide: two shoes side by side drawn as one block. None
    when the feet (ankle, heel, toe; two) stand in one column (0.25 of a length apart),
    one ahead of the other (walking: 0.3 of a length lower), both seen from the side
    pointing the same way (a profile: one shoe rightly overlaps the other), or no shoe
    is drawn there."""
    solid = np.asarray(cover) > 0.5
    h, w = solid.shape
    if len(feet) != 2 or length <= 0:
        return None
    apart = abs(float(feet[0][0][0]) - float(feet[1][0][0]))
    ahead = abs(max(float(p[1]) for p in feet[0][1:]) - max(float(p[1]) for p in feet[1][1:]))
    across = [float(toe[0]) - float(heel[0]) for _, heel, toe in feet]
    profile = all(abs(d) > 0.35 * length for d in across) and (across[0] > 0) == (across[1] > 0)
    if apart < 0.25 * length or ahead > 0.3 * length or profile:
        return None
    middle = int(round((float(feet[0][0][0]) + float(feet[1][0][0])) / 2))
    top = int(max(0, min(float(feet[0][0][1]), float(feet[1][0][1]))))
    bottom = int(min(h, max(float(p[1]) for foot in feet for p in foot) + 0.5 * length))
    lo, hi = int(max(0, middle - length)), int(min(w, middle + length))
    if not (0 < middle < w - 1) or bottom <= top:
        return None
    rows = solid[top:bottom, lo:hi].any(axis=1)
    if not rows.any():
        return None
    merged = solid[top:bottom, middle - 1 : middle + 2].all(axis=1)
    return float(np.count_nonzero(merged & rows) / np.count_nonzero(rows))


def pointed_foot(ankle: Point, heel: Point, toe: Point, length: float) -> bool:
    """Whether a foot is pointed down (`PITCH_HEEL`, `PITCH_SPAN`, `PITCH_SLOPE`): its
    shoe rightly follows it down, neither level nor falling to the toe as a foot on a floor."""
    d = (float(toe[0]) - float(heel[0]), float(toe[1]) - float(heel[1]))
    return bool(
        float(heel[1]) - float(ankle[1]) < PITCH_HEEL * length
        and float(np.hypot(*d)) >= PITCH_SPAN * length
        and float(np.degrees(np.arctan2(d[1], abs(d[0])))) > PITCH_SLOPE
    )


def shoe_pitch(cover: NDArray[np.floating[Any]], feet: Sequence[Sequence[Point]], length: float) -> float | None:
    """The most degrees a drawn shoe's long axis turns from its foot's heel-to-toe line,
    over the pointed feet (ankle, heel, toe; `PITCH_HEEL`, `PITCH_SPAN`, `PITCH_SLOPE`).
    A foot's shoe is the solid `cover` within a span of the middle of its heel and toe
    and nearer that middle than the other foot's; its axis is that part's principal
    axis. None when no foot is pointed or no shoe is drawn at one."""
    solid = np.asarray(cover) > 0.5
    h, w = solid.shape
    if length <= 0:
        return None
    middles = [(np.asarray(heel, np.float64) + np.asarray(toe, np.float64)) / 2 for _, heel, toe in feet]
    ys, xs = np.mgrid[0:h, 0:w]
    turns = []
    for i, (ankle, heel, toe) in enumerate(feet):
        d = np.asarray(toe, np.float64) - np.asarray(heel, np.float64)
        span = float(np.hypot(d[0], d[1]))
        if not pointed_foot(ankle, heel, toe, length):
            continue
        near = np.hypot(xs - middles[i][0], ys - middles[i][1])
        mine = solid & (near <= span)
        for j, other in enumerate(middles):
            if j != i:
                mine &= near < np.hypot(xs - other[0], ys - other[1])
        moments = cv2.moments(mine.astype(np.uint8), binaryImage=True)
        if moments["m00"] < 0.05 * length * length:
            continue
        axis = 0.5 * np.degrees(np.arctan2(2 * moments["mu11"], moments["mu20"] - moments["mu02"]))
        turn = abs((axis - float(np.degrees(np.arctan2(d[1], d[0])))) % 180.0)
        turns.append(min(turn, 180.0 - turn))
    return max(turns) if turns else None


def feet_unshod(
    cover: NDArray[np.floating[Any]], body: NDArray[np.bool_], ankles: Sequence[Point], bottom: float, length: float
) -> float | None:
    """The share of the old feet's columns over which no new shoe is drawn, where the
    pose's ankles stand close (`FEET_CLOSE` of a shoe's `length` apart, neither ahead):
    the feet are the person's `body` (in the photo before) in the rows from a tenth of
    a length below the lower ankle down to `bottom` (below the lowest foot landmark),
    within a length of the ankles' middle; a shoe counts half a length above or below
    them. Both new shoes stacked on one foot leave the other foot's columns bare (its
    old shoe, or the floor filled in), whatever the pose's landmarks say: the pose that
    put them there put both feet's landmarks on that foot. None on feet apart (a stride
    puts a leg in those rows) or without feet there."""
    solid = np.asarray(cover) > 0.5
    h, w = solid.shape
    if len(ankles) != 2 or length <= 0:
        return None
    if abs(float(ankles[0][0]) - float(ankles[1][0])) > FEET_CLOSE * length:
        return None
    if abs(float(ankles[0][1]) - float(ankles[1][1])) > FEET_CLOSE * length:
        return None
    top = int(max(0.0, max(float(a[1]) for a in ankles) + 0.1 * length))
    end = int(min(float(h), bottom))
    middle = float(np.mean([float(a[0]) for a in ankles]))
    lo, hi = int(max(0.0, middle - length)), int(min(float(w), middle + length))
    if end <= top or hi <= lo:
        return None
    feet = np.asarray(body)[top:end, lo:hi].any(axis=0)
    if np.count_nonzero(feet) < 0.2 * length:
        return None
    reach = int(0.5 * length)
    shod = solid[max(0, top - reach) : min(h, end + reach), lo:hi].any(axis=0)
    return float(np.count_nonzero(feet & ~shod) / np.count_nonzero(feet))


def worn_jewellery_left(
    before: NDArray[np.uint8], after: NDArray[np.uint8], worn: NDArray[np.bool_], cover: NDArray[np.floating[Any]]
) -> float | None:
    """The share of `worn` (the person's own jewellery found in `before`) that `after`
    left as it was and the new piece does not cover: her hoops kept beside new drops.
    None when she wore none."""
    seen = worn & (np.asarray(cover) < 0.5)
    if not seen.any():
        return None
    change = np.abs(after.astype(np.int16) - before.astype(np.int16)).max(axis=2)
    return float((change[seen] < UNCHANGED_BY).mean())


def necklace_across_layers(
    lab: NDArray[np.float32], cover: NDArray[np.floating[Any]], skin: NDArray[np.bool_]
) -> float | None:
    """The share of a necklace's solid pixels (`cover` over 0.5) that lie, in the photo
    before it (`lab`, OpenCV's 8-bit Lab), on clothes of another colour than the first
    clothes below the neck's skin down its middle (the shirt or tee a chain would hang
    on): a chain drawn over an open coat's fronts, its lapels or a scarf, which lie in
    front of a real one. Specks of another colour (a print) are left out. 0 for a chain
    on a bare neckline or on the one top that meets the neck; None when too little was
    drawn or no clothes meet the neck."""
    solid = np.asarray(cover) > 0.5
    ys, xs = np.nonzero(solid)
    if len(ys) < 20:
        return None
    span = int(ys.max() - ys.min())
    half = max(1, span // 10)
    middle = int(round(float(xs.mean())))
    column = ~skin[ys.min() :, max(0, middle - half) : middle + half + 1]
    rows = np.nonzero(column.mean(axis=1) > 0.8)[0]
    if len(rows) == 0:
        return 0.0
    top = int(ys.min() + rows[0])
    inner = lab[top : top + 2 * half, max(0, middle - half) : middle + half + 1][
        ~skin[top : top + 2 * half, max(0, middle - half) : middle + half + 1]
    ]
    reference = np.median(inner, axis=0)
    weights = np.array([0.4, 1.0, 1.0], np.float32)
    other = (np.linalg.norm((lab - reference) * weights, axis=-1) >= SAME_CLOTHES) & ~skin
    size = max(3, span // 12) | 1
    other = cv2.morphologyEx(
        other.astype(np.uint8), cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    )
    return float(np.count_nonzero(solid & (other > 0)) / np.count_nonzero(solid))


def ear_distance(cover: NDArray[np.floating[Any]], ears: Sequence[Point], ear_span: float) -> float | None:
    """How far in from its ear, towards the face's middle, the worst earring's hook (the
    top of each separate piece) lies, over `ear_span` (the distance between the ears);
    a hook above the ear or far below it counts as 1. An earring at the lobe scores 0 or
    less (the lobe is below the ear's landmark, a little out); one on the cheek scores high.

    None when no ear or no piece is seen, or the head is too small to judge."""
    if not ears or ear_span < 8:
        return None
    solid = (np.asarray(cover) > 0.5).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(solid, connectivity=8)
    points = np.asarray(ears, np.float64).reshape(-1, 2)
    middle = float(points[:, 0].mean()) if len(points) == 2 else None
    worst = None
    for i in range(1, count):
        if stats[i, cv2.CC_STAT_AREA] < 4:
            continue
        top = int(stats[i, cv2.CC_STAT_TOP])
        xs = np.nonzero(labels[top] == i)[0]
        hook = np.array([float(xs.mean()), float(top)])
        ear = points[int(np.argmin(np.abs(points[:, 0] - hook[0])))]
        towards = np.sign((middle if middle is not None else hook[0]) - ear[0]) or 1.0
        below = (hook[1] - ear[1]) / ear_span
        inward = (hook[0] - ear[0]) * towards / ear_span
        score = inward if EAR_BELOW[0] <= below <= EAR_BELOW[1] else 1.0
        worst = score if worst is None else max(worst, score)
    return worst


def earring_aslant(cover: NDArray[np.floating[Any]], least_px: float) -> float | None:
    """How far (degrees) from plumb the long axis of the most tilted drop earring drawn
    points (each separate solid piece at least `least_px` long and `DROP_ELONGATION`
    times as long as wide): a drop hangs from its hook straight down the photo, and one
    laid along a bowed head's axis reads as stuck aslant across the jaw or the neck.
    None when no drop is seen (studs, or nothing drawn)."""
    solid = (np.asarray(cover) > 0.5).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(solid, connectivity=8)
    worst = None
    for i in range(1, count):
        if max(stats[i, cv2.CC_STAT_WIDTH], stats[i, cv2.CC_STAT_HEIGHT]) < least_px:
            continue
        moments = cv2.moments((labels == i).astype(np.uint8), binaryImage=True)
        mu20, mu02, mu11 = moments["mu20"], moments["mu02"], moments["mu11"]
        spread = float(np.hypot(mu20 - mu02, 2 * mu11))
        longest, widest = (mu20 + mu02 + spread) / 2, (mu20 + mu02 - spread) / 2
        if widest <= 0 or longest < DROP_ELONGATION**2 * widest:
            continue
        # The long axis's angle from the photo's x axis; plumb is 90 degrees.
        angle = float(np.degrees(0.5 * np.arctan2(2 * mu11, mu20 - mu02)))
        tilt = 90.0 - abs(angle)
        worst = tilt if worst is None else max(worst, tilt)
    return worst


def necklace_narrow(cover: NDArray[np.floating[Any]], face_width: float) -> float | None:
    """The drawn necklace's width across the photo (its solid pixels' columns, first to
    last) in face widths: a neck is not much narrower than the face, and a loop a
    fraction of it wide hangs from shoulders the pose put together on one side (on a
    shoulder, a collarbone). None when nothing was drawn or no face was found."""
    columns = np.nonzero((np.asarray(cover) > 0.5).any(axis=0))[0]
    if len(columns) == 0 or face_width <= 0:
        return None
    return float(columns[-1] - columns[0] + 1) / face_width


def necklace_cut(cover: NDArray[np.floating[Any]]) -> float | None:
    """How many separate runs of the drawn necklace's solid pixels (`cover` over 0.5) lie
    along the photo's left, right and bottom edges: each is a loose end where the photo
    cut the loop off. A whole loop scores 0. None when nothing was drawn."""
    solid = np.asarray(cover) > 0.5
    if not solid.any():
        return None
    ends = 0
    for edge in (solid[-1], solid[:, 0], solid[:, -1]):
        ends += int(np.count_nonzero(np.diff(edge.astype(np.int8), prepend=0) == 1))
    return float(ends)


def hat_band_height(cover: NDArray[np.floating[Any]], eyes: Sequence[Point]) -> float | None:
    """How far above the eyes' line the hat's lowest solid pixel lies, between the eyes
    (where the band crosses the forehead), in distances between the eyes; measured
    across the eye line, so a tilted head reads the same. A hat that does not reach
    down over the face's middle at all counts from its lowest pixel anywhere.

    None when the eyes are not both given, are closer than 6 px, or nothing was drawn."""
    points = np.asarray(eyes, np.float64).reshape(-1, 2)
    if len(points) != 2:
        return None
    line = points[1] - points[0]
    span = float(np.linalg.norm(line))
    if span < 6:
        return None
    ys, xs = np.nonzero(np.asarray(cover) > 0.5)
    if len(xs) == 0:
        return None
    along = line / span
    up = np.array([along[1], -along[0]])
    if up[1] > 0:
        up = -up
    offsets = np.stack([xs, ys], axis=1) - points.mean(axis=0)
    side = offsets @ along
    height = offsets @ up
    middle = np.abs(side) <= span / 2
    return float((height[middle] if middle.any() else height).min()) / span


def hat_gap(
    render: NDArray[np.uint8],
    photo: NDArray[np.uint8],
    person: Mask,
    cover: NDArray[np.floating[Any]],
    backdrop: NDArray[np.floating[Any]],
) -> float | None:
    """The share of the strip just below a hat's lower edge, where the photo showed the
    person unlike the backdrop, that the render shows in a backdrop colour (CIE Lab
    `backdrop`, one row per colour): hair erased where the hat does not reach.

    None when nothing was drawn, no backdrop colour is given or the strip is empty."""
    hat = np.asarray(cover) > 0.5
    if not hat.any() or len(backdrop) == 0:
        return None
    below = np.zeros_like(hat)
    for step in range(1, HAT_GAP_REACH + 1):
        below[step:] |= hat[:-step]
    below &= ~hat & (np.asarray(person) > 0.5)

    def nearest(rgb: NDArray[np.uint8]) -> NDArray[np.float32]:
        lab = cv2.cvtColor(rgb[below].reshape(-1, 1, 3).astype(np.float32) / 255, cv2.COLOR_RGB2LAB)
        return _nearest(lab.reshape(-1, 3), backdrop)

    if not below.any():
        return None
    was = nearest(photo) > HAT_GAP_FAR
    if not was.any():
        return None
    return float(((nearest(render) < HAT_GAP_NEAR) & was).sum() / was.sum())


def old_hat_left(
    before: NDArray[np.uint8], after: NDArray[np.uint8], worn: NDArray[np.bool_], cover: NDArray[np.floating[Any]]
) -> float | None:
    """The share of `worn` (the hat the person wore in `before`, where it sticks out past
    a new one) that `after` left as it was and the new hat does not cover: a brim showing
    round the new hat. None when she wore none."""
    return worn_jewellery_left(before, after, worn, cover)


def hat_cut(cover: NDArray[np.floating[Any]]) -> float | None:
    """How much of the hat the photo's top edge cuts off: the hat's width in the top row
    over its widest row's. A crown cut flat by the edge scores high; a whole hat 0.

    None when nothing was drawn."""
    hat = np.asarray(cover) > 0.5
    widths = hat.sum(axis=1)
    if widths.max() == 0:
        return None
    return float(widths[0] / widths.max())


def _band_edge(cover: NDArray[np.floating[Any]], eyes: Sequence[Point]) -> tuple[NDArray[np.float64], float] | None:
    """The hat's lowest solid pixel in each pixel-wide column across it (inf where none),
    as a height measured across the eye line (a tilted head reads the same), and its width.

    None when the eyes are not both given, are closer than 6 px, or the hat is narrower than 10 px."""
    points = np.asarray(eyes, np.float64).reshape(-1, 2)
    if len(points) != 2 or float(np.linalg.norm(points[1] - points[0])) < 6:
        return None
    ys, xs = np.nonzero(np.asarray(cover) > 0.5)
    if len(xs) == 0:
        return None
    along = (points[1] - points[0]) / float(np.linalg.norm(points[1] - points[0]))
    if along[0] < 0:
        along = -along
    up = np.array([along[1], -along[0]])
    offsets = np.stack([xs, ys], axis=1).astype(np.float64)
    side, height = offsets @ along, offsets @ up
    width = float(side.max() - side.min())
    if width < 10:
        return None
    column = np.rint(side - side.min()).astype(np.intp)
    lowest = np.full(column.max() + 1, np.inf)
    np.minimum.at(lowest, column, height)
    return lowest, width


def _edge_at(lowest: NDArray[np.float64], near: float, far: float) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The lowest rows of the columns `near` to `far` of the width out from the middle,
    on the photo's left and on its right."""
    t = np.arange(len(lowest)) / max(len(lowest) - 1, 1) - 0.5
    found = np.isfinite(lowest)
    return (lowest[(t <= -near) & (t >= -far) & found], lowest[(t >= near) & (t <= far) & found])


def hat_band_dip(cover: NDArray[np.floating[Any]], eyes: Sequence[Point]) -> float | None:
    """How much lower the hat's lower edge lies near its sides (0.3 to 0.4 of its width
    out from its middle) than across its middle fifth, over its width; measured across
    the eye line, so a tilted head reads the same. A straight band scores about 0.

    None when the eyes are not both given, are closer than 6 px, or the hat is narrower than 10 px."""
    edge = _band_edge(cover, eyes)
    if edge is None:
        return None
    lowest, width = edge
    middle = np.concatenate(_edge_at(lowest, 0.0, 0.1))
    sides = np.concatenate(_edge_at(lowest, 0.3, 0.4))
    if len(middle) == 0 or len(sides) == 0:
        return None
    return float(np.median(middle) - np.median(sides)) / width


def hat_band_tilt(cover: NDArray[np.floating[Any]], eyes: Sequence[Point]) -> float | None:
    """How much lower the hat's lower edge lies on one side (0.3 to 0.4 of its width out
    from its middle) than on the other, over its width, measured across the eye line: a
    band worn level with the brows scores about 0, one slanted down over a brow or an eye
    (a hat cut from a photo of a tilted head, placed as shot) scores high.

    None when the eyes are not both given, are closer than 6 px, or the hat is narrower than 10 px."""
    edge = _band_edge(cover, eyes)
    if edge is None:
        return None
    lowest, width = edge
    left, right = _edge_at(lowest, 0.3, 0.4)
    if len(left) == 0 or len(right) == 0:
        return None
    return abs(float(np.median(left) - np.median(right))) / width


def backpack_in_front(cover: NDArray[np.floating[Any]], person: Mask, strap: float) -> float | None:
    """The share of a backpack's drawn body that lies over the person in the photo: its
    straps (parts thinner than `strap` px) left out, which cross the shoulder in front.

    None when nothing but straps was drawn."""
    size = max(3, int(strap) * 2 + 1)
    body = cv2.morphologyEx((np.asarray(cover) > 0.5).astype(np.uint8), cv2.MORPH_OPEN, np.ones((size, size), np.uint8))
    if not body.any():
        return None
    return float((np.asarray(person)[body > 0] > 0.5).mean())


def backpack_detached(
    cover: NDArray[np.floating[Any]], shoulders: Sequence[Point], strap: float, shoulder_width: float
) -> float | None:
    """How far the top of a backpack's drawn body (straps left out, as in
    `backpack_in_front`) hangs below the shoulder nearest it, over the shoulder width.
    Slung on a shoulder its top rides up behind it, where the strap goes over; hung lower
    beside the arm it reads as floating there, the strap reaching nothing.

    None when nothing but straps was drawn, no shoulder is given or the person is too
    small to judge."""
    if not shoulders or shoulder_width < 8:
        return None
    size = max(3, int(strap) * 2 + 1)
    body = cv2.morphologyEx((np.asarray(cover) > 0.5).astype(np.uint8), cv2.MORPH_OPEN, np.ones((size, size), np.uint8))
    ys, xs = np.nonzero(body)
    if len(ys) == 0:
        return None
    near = np.asarray(shoulders, np.float64).reshape(-1, 2)
    shoulder = near[int(np.argmin(np.abs(near[:, 0] - xs.mean())))]
    return float(ys.min() - shoulder[1]) / shoulder_width


def bag_support(cover: NDArray[np.floating[Any]], supports: Sequence[Point], shoulder_width: float) -> float | None:
    """How far the top of the bag (the largest piece of the cover: the bag with its strap
    when the strap joins it) lies from the nearest of `supports` (hanging hands and
    shoulders), over the shoulder width. A bag at a hanging hand or on a strap over a
    shoulder scores low; one at a raised hand or in the air scores high.

    None when nothing is drawn, no support is given or the person is too small to judge."""
    if not supports or shoulder_width < 8:
        return None
    solid = (np.asarray(cover) > 0.5).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(solid, connectivity=8)
    if count < 2:
        return None
    biggest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    top = int(stats[biggest, cv2.CC_STAT_TOP])
    xs = np.nonzero(labels[top] == biggest)[0]
    point = np.array([float(xs.mean()), float(top)])
    near = np.asarray(supports, np.float64).reshape(-1, 2)
    return float(np.linalg.norm(near - point, axis=1).min()) / shoulder_width


def glasses_off_eyes(cover: NDArray[np.floating[Any]], eyes: Sequence[tuple[Point, Point]]) -> float | None:
    """The larger, over both eyes, of the distance along the eye line between the eye's
    middle and its lens's (the middle of the columns of frame on that side of the bridge
    at least `LENS_COLUMN` as tall as its tallest: a temple arm is thin), in the wider
    eye's widths. `eyes` holds (inner corner, outer corner) of the right eye, then the
    left. A lens on its eye scores under 0.3; a far lens drawn from the bridge out past
    the face's edge, or lenses shifted off the eyes, far more. None when too little was
    drawn or a side holds no frame."""
    (r_in, r_out), (l_in, l_out) = ((np.asarray(a, np.float64)[:2], np.asarray(b, np.float64)[:2]) for a, b in eyes)
    eye_r, eye_l = (r_in + r_out) / 2, (l_in + l_out) / 2
    line = eye_l - eye_r
    line /= max(float(np.linalg.norm(line)), 1e-9)
    bridge = (r_in + l_in) / 2
    width = max(float(np.linalg.norm(r_out - r_in)), float(np.linalg.norm(l_out - l_in)), 1.0)
    ys, xs = np.nonzero(np.asarray(cover) > 0.5)
    if len(xs) < 30:
        return None
    offsets = np.stack([xs, ys], axis=1) - bridge
    u = np.round(offsets @ line).astype(np.int64)
    v = offsets @ np.array([-line[1], line[0]])
    worst = 0.0
    for eye, side in ((eye_r, u < 0), (eye_l, u > 0)):
        if not side.any():
            return None
        # Each column's height from its top to its bottom pixel: a clear lens's rims count whole.
        columns, index = np.unique(u[side], return_inverse=True)
        tops = np.full(len(columns), np.inf)
        bottoms = np.full(len(columns), -np.inf)
        np.minimum.at(tops, index, v[side])
        np.maximum.at(bottoms, index, v[side])
        heights = bottoms - tops
        lens = columns[heights >= LENS_COLUMN * heights.max()]
        middle = (float(lens.min()) + float(lens.max())) / 2
        worst = max(worst, abs(middle - float((eye - bridge) @ line)) / width)
    return worst


def _bag_body(cover: NDArray[np.floating[Any]], strap: float) -> NDArray[np.uint8]:
    """A bag's drawn body: the cover with its straps (parts thinner than `strap` px) opened away."""
    size = max(3, int(strap) * 2 + 1)
    solid = (np.asarray(cover) > 0.5).astype(np.uint8)
    return np.asarray(cv2.morphologyEx(solid, cv2.MORPH_OPEN, np.ones((size, size), np.uint8)), np.uint8)


def bag_split(cover: NDArray[np.floating[Any]], strap: float) -> float | None:
    """The share of a bag's drawn body (straps left out) that is not its largest piece,
    plus the holes inside it: an arm in front cutting the bag in two or through its
    middle (an arm-shaped hole) rather than covering one side of it whole.

    None when nothing but straps was drawn."""
    body = _bag_body(cover, strap)
    total = float(body.sum())
    if total == 0:
        return None
    count, _, stats, _ = cv2.connectedComponentsWithStats(body, connectivity=8)
    areas = np.asarray(stats)[1:, cv2.CC_STAT_AREA]
    contours, _ = cv2.findContours(body, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    filled = np.zeros(body.shape, np.uint8)
    cv2.drawContours(filled, contours, -1, (1,), -1)
    holes = float(((filled > 0) & (body == 0)).sum())
    return (float(areas.sum() - areas.max()) + holes) / total


def bag_on_belly(cover: NDArray[np.floating[Any]], hips: Sequence[Point], strap: float) -> float | None:
    """The share of a bag's drawn body (straps thinner than `strap` px left out) in the
    columns between the two hip joints: a bag at the hip or in a hand hanging at the side
    scores near 0, one hung flat in front of the belly a quarter or more. Only a bag hung
    from a strap is judged (its thin parts reach up past its own height): one held by its
    handles hangs where the hand is, which can be in front of the hip.

    None when both hips are not given, nothing but straps was drawn or no strap was."""
    if len(hips) < 2:
        return None
    opened = _bag_body(cover, strap + 2)  # the drawn line's soft edges make it wider than its width
    count, labels, stats, _ = cv2.connectedComponentsWithStats(opened, connectivity=8)
    if count < 2:
        return None
    # The bag is the largest piece left; where the strap's two sides meet at the shoulder
    # a piece too wide to open away can be left too.
    biggest = 1 + int(np.argmax(np.asarray(stats)[1:, cv2.CC_STAT_AREA]))
    body = labels == biggest
    top, height = int(stats[biggest, cv2.CC_STAT_TOP]), int(stats[biggest, cv2.CC_STAT_HEIGHT])
    above = np.nonzero(((np.asarray(cover) > 0.5) & ~body).any(axis=1))[0]
    if len(above) == 0 or top - int(above.min()) < STRAP_LEAST_RISE * height:
        return None
    total = float(body.sum())
    xs = sorted(float(np.asarray(hip)[0]) for hip in hips[:2])
    a, b = max(0, int(np.ceil(xs[0]))), max(0, int(np.floor(xs[1])) + 1)
    return float(body[:, a:b].sum()) / total


def _front_strap(cover: NDArray[np.floating[Any]], strap: float) -> NDArray[np.bool_] | None:
    """A backpack's front strap: the largest part of the cover outside its opened body."""
    solid = (np.asarray(cover) > 0.5).astype(np.uint8)
    body = cv2.dilate(_bag_body(cover, strap), np.ones((5, 5), np.uint8))
    thin = (solid & (body == 0)).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(thin, connectivity=8)
    if count < 2:
        return None
    return np.asarray(labels == 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA])))


def backpack_strap_light(
    cover: NDArray[np.floating[Any]], image: NDArray[np.uint8], person: NDArray[np.floating[Any]]
) -> float | None:
    """How much lighter (0..1 of the grey scale) a backpack's drawn front strap (the cover
    on the person: the pack hangs behind the body) is than the darkest quarter of the
    pack that shows beside the body: a pack's straps are its darkest webbing, and a black
    pack's strap drawn mid-grey read as a grey pill or bar on the chest.

    None when no strap or no pack shows."""
    drawn = np.asarray(cover) > 0.5
    on = np.asarray(person) > 0.5
    front, body = drawn & on, drawn & ~on
    if front.sum() < 20 or body.sum() < 20:
        return None
    grey = _luminance(image)
    pack = grey[body]
    dark = float(pack[pack <= np.quantile(pack, 0.25)].mean())
    return max(0.0, float(np.median(grey[front])) - dark) / 255


def backpack_strap_on_arm(
    cover: NDArray[np.floating[Any]], person: NDArray[np.floating[Any]], arms: Sequence[Sequence[Point]], half: float
) -> float | None:
    """The share of a backpack's drawn front strap (the cover on the person: the pack
    hangs behind the body) within `half` px of an arm's bones, each arm given as
    (shoulder, elbow, wrist): the strap
    goes behind the arm, and drawn over an arm bent with its hand on the hip it hung
    across the upper arm. The strap comes over the shoulder further in than `half` from
    the shoulder joint and ends at the armpit, so a strap drawn right scores 0.

    None when no strap shows or no arm is given."""
    front = (np.asarray(cover) > 0.5) & (np.asarray(person) > 0.5)
    if front.sum() < 20 or not arms:
        return None
    bones = np.zeros(front.shape, np.uint8)
    for shoulder, elbow, wrist in arms:
        s, e, w = (np.asarray(p, np.float64)[:2] for p in (shoulder, elbow, wrist))
        for a, b in ((s, e), (e, w)):
            cv2.line(bones, (int(a[0]), int(a[1])), (int(b[0]), int(b[1])), (1,), max(1, int(2 * half)))
    return float(bones[front].mean())


def backpack_strap_bend(cover: NDArray[np.floating[Any]], strap: float) -> float | None:
    """How far a backpack's front strap (the largest part of the cover outside its opened
    body) bows away from the straight line between its ends, over its length: a padded
    strap follows the shoulder and bends out to the armpit; a straight line from the
    shoulder reads as a stiff bar (15 devset backpack B, 2026-12-04).

    None when no strap at least four widths long was drawn."""
    front = _front_strap(cover, strap)
    if front is None:
        return None
    ys, xs = np.nonzero(front)
    points = np.stack([xs, ys], axis=1).astype(np.float64)
    centre = points.mean(axis=0)
    _, _, axes = np.linalg.svd(points - centre, full_matrices=False)
    along = (points - centre) @ axes[0]
    across = (points - centre) @ axes[1]
    length = float(along.max() - along.min())
    if length < 4 * max(strap, 1.0):
        return None
    # The mid-line: the mean offset across in slices along, the ends' slices left out (cut ends).
    edges = np.linspace(along.min(), along.max(), 11)
    middle = []
    for a, b in zip(edges[1:-2], edges[2:-1], strict=True):
        inside = (along >= a) & (along < b)
        if inside.any():
            middle.append(((a + b) / 2, float(across[inside].mean())))
    if len(middle) < 3:
        return None
    line = np.asarray(middle)
    chord = line[-1] - line[0]
    norm = max(float(np.linalg.norm(chord)), 1e-9)
    offsets = np.abs((line[:, 0] - line[0, 0]) * chord[1] - (line[:, 1] - line[0, 1]) * chord[0]) / norm
    return float(offsets.max()) / length


def lens_lines(cover: NDArray[np.floating[Any]], image: NDArray[np.uint8]) -> float | None:
    """The share of the lenses' inside (the drawn frame's filled outline, `LENS_INSIDE`
    of its height in from its edge) where a thin line is drawn: the cover stands above a
    grey opening as wide as a line by `LENS_LINE_STEP`, or, where the lens is drawn
    solid (the render shows the drawn colour), the render's grey lies `LENS_LINE_DARK`
    under a closing as wide. A lens drawn smooth (solid, a gradient, clear) scores 0;
    folded temples and nose pads' arms seen through the lenses in the product photo,
    drawn across the eyes, score more. None when too little was drawn."""
    cover = np.asarray(cover, np.float32)
    solid = (cover > 0.3).astype(np.uint8)
    ys = np.nonzero(solid.any(axis=1))[0]
    if len(ys) < 10:
        return None
    height = int(ys[-1] - ys[0] + 1)
    outline = np.zeros_like(solid)
    contours, _ = cv2.findContours(solid, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    cv2.drawContours(outline, contours, -1, (1,), -1)
    margin = max(1, round(LENS_INSIDE * height))
    inside = cv2.erode(outline, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * margin + 1,) * 2)) > 0
    if np.count_nonzero(inside) < 30:
        return None
    size = max(3, round(LENS_LINE_WIDTH * height)) | 1
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    raised = cover - cv2.morphologyEx(cover, cv2.MORPH_OPEN, kernel) > LENS_LINE_STEP
    grey = cv2.cvtColor(np.asarray(image, np.uint8), cv2.COLOR_RGB2GRAY).astype(np.float32)
    dark = (cv2.morphologyEx(grey, cv2.MORPH_CLOSE, kernel) - grey > LENS_LINE_DARK) & (cover > 0.9)
    return float(np.count_nonzero((raised | dark) & inside) / np.count_nonzero(inside))


def old_frame_left(
    before: NDArray[np.uint8],
    after: NDArray[np.uint8],
    worn: NDArray[np.bool_],
    cover: NDArray[np.floating[Any]],
    size: int,
) -> float | None:
    """The share of `worn` (the frame the person wore, found in `before`) that is still a
    thin dark line in `after`, where the new frame (`cover`) and its edge do not lie: at
    least `OLD_FRAME_DARK` darker than a grey closing `size` px across and at least
    `OLD_FRAME_KEPT` as dark as it was (the nose's own shading that lay along a rim is
    not the rim). Near 0 when the old frame was painted out, most of it when it was left.
    None when the person wore none, or the new frame covers it all."""
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size | 1, size | 1))

    def darkness(image: NDArray[np.uint8]) -> NDArray[np.float32]:
        lightness = cv2.cvtColor(np.asarray(image, np.uint8), cv2.COLOR_RGB2LAB)[:, :, 0].astype(np.float32)
        lightness *= 100 / 255
        return np.asarray(cv2.morphologyEx(lightness, cv2.MORPH_CLOSE, kernel) - lightness, np.float32)

    drawn = (np.asarray(cover) > 0.05).astype(np.uint8)
    reach = max(OLD_FRAME_CLEAR, size // 2)
    was = darkness(before)
    # Only the old frame's dark lines (not a metal frame's lit edge), away from the new one.
    seen = worn & (cv2.dilate(drawn, np.ones((2 * reach + 1,) * 2, np.uint8)) == 0) & (was > OLD_FRAME_DARK)
    # A few pixels left uncovered (a crease beside the new frame's end) say nothing.
    if np.count_nonzero(seen) < max(20, OLD_FRAME_SEEN * np.count_nonzero(worn)):
        return None
    now = darkness(after)[seen]
    left = (now > OLD_FRAME_DARK) & (now > OLD_FRAME_KEPT * was[seen])
    return float(np.count_nonzero(left) / np.count_nonzero(seen))


def watch_off_skin(cover: NDArray[np.floating[Any]], skin: NDArray[np.bool_]) -> float | None:
    """The share of the watch's solid pixels (`cover` over 0.5) drawn where the photo before
    it showed no skin (`skin`: skin on the person): near 0 for a watch on a bare wrist, its
    strap ending at the wrist's outline; high for one on a sleeve or wider than the wrist.
    None when too little of a watch was drawn."""
    solid = np.asarray(cover) > 0.5
    count = np.count_nonzero(solid)
    if count < MIN_WATCH_PIXELS:
        return None
    return float(np.count_nonzero(solid & ~skin) / count)


def watch_off_person(cover: NDArray[np.floating[Any]], person: NDArray[np.floating[Any]]) -> float | None:
    """The share of the watch's solid pixels (`cover` over 0.5) outside the person mask
    (`person` under 0.5): 0 for a strap that ends at the arm's outline. None when too little
    of a watch was drawn."""
    solid = np.asarray(cover) > 0.5
    count = np.count_nonzero(solid)
    if count < MIN_WATCH_PIXELS:
        return None
    return float(np.count_nonzero(solid & (np.asarray(person) < 0.5)) / count)


def watch_blob(
    cover: NDArray[np.floating[Any]], lightness: NDArray[np.float32], before: NDArray[np.float32]
) -> float | None:
    """How far (median, 8-bit lightness) the watch's outline in the render (`lightness`)
    stands off the photo before it (`before`) just outside, over the outline's pixels whose
    ground there is darker than `BLOB_GROUND`: low for a black case on a black cuff. None
    when the watch lies on no dark ground or too little of it was drawn."""
    solid = (np.asarray(cover) > 0.5).astype(np.uint8)
    if np.count_nonzero(solid) < MIN_WATCH_PIXELS:
        return None
    kernel = np.ones((3, 3), np.uint8)
    edge = (solid > 0) & (cv2.erode(solid, kernel) == 0)
    outside = ((cv2.dilate(solid, kernel, iterations=2) > 0) & (solid == 0)).astype(np.float32)
    weight = cv2.blur(outside, (5, 5))
    ground = cv2.blur(np.asarray(before, np.float32) * outside, (5, 5)) / np.maximum(weight, 1e-6)
    dark = edge & (weight > 0) & (ground < BLOB_GROUND)
    if np.count_nonzero(dark) < BLOB_LEAST_PIXELS:
        return None
    return float(np.median(np.abs(np.asarray(lightness, np.float32)[dark] - ground[dark])))


def _watch_on_forearm(
    cover: NDArray[np.floating[Any]], elbow: Point, wrist: Point
) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.float64]] | None:
    """The watch's solid pixels (rows, columns) and the unit vector down the forearm
    (`elbow` to `wrist`); None when too little of a watch was drawn to judge it."""
    ys, xs = np.nonzero(np.asarray(cover) > 0.5)
    if len(xs) < MIN_WATCH_PIXELS:
        return None
    along = np.asarray(wrist, np.float64)[:2] - np.asarray(elbow, np.float64)[:2]
    return ys, xs, along / max(float(np.linalg.norm(along)), 1e-9)


def bracelet_past_wrist(
    cover: NDArray[np.floating[Any]], elbow: Point, wrist: Point, palm: float | None
) -> float | None:
    """How far the bracelet's middle (the mean of its solid pixels, `cover` over 0.5) lies
    down the forearm (`elbow` to `wrist`) past the wrist joint, over the bracelet's span
    across the forearm (2nd to 98th percentile): about 0 or below for one round the wrist,
    near half for one drawn on the back of the hand. Judged only where the hand's palm
    (knuckle to knuckle, `palm` px) is over `PALM_OVER_SPAN` of the span: there the hand
    model's wrist lies on the back of the hand; elsewhere the pose's wrist point is the one
    likelier off (a fist, a bent hand) and this is 0. None when too little was drawn."""
    found = _watch_on_forearm(cover, elbow, wrist)
    if found is None:
        return None
    ys, xs, along = found
    across = np.array([-along[1], along[0]])
    pts = np.stack([xs, ys], axis=1).astype(np.float64)
    span = max(float(np.percentile(pts @ across, 98) - np.percentile(pts @ across, 2)), 1.0)
    if palm is None or palm < PALM_OVER_SPAN * span:
        return 0.0
    return float((pts.mean(axis=0) - np.asarray(wrist, np.float64)[:2]) @ along) / span


def watch_over_cuff(
    lab: NDArray[np.float32], cover: NDArray[np.floating[Any]], elbow: Point, wrist: Point
) -> float | None:
    """The share of the watch's solid pixels (`cover` over 0.5) whose colour in the photo
    before it (`lab`, lightness weighed down) is the sleeve's, not the wrist's: the sleeve's colour is the median
    of a strip up the forearm from the watch (0.2 to 0.8 of its length past its top), the
    wrist's of the strip as far below it, towards the hand. 0 when the two are alike (a
    bare forearm); None when too little was drawn. A watch tucked under the cuff has the
    cuff in front and scores near 0; one drawn over the cuff's edge scores its share there,
    where `watch_off_skin` misses a cuff of about the skin's hue."""
    solid = np.asarray(cover) > 0.5
    ys, xs = np.nonzero(solid)
    if len(xs) < MIN_WATCH_PIXELS:
        return None
    along = np.asarray(wrist, np.float64)[:2] - np.asarray(elbow, np.float64)[:2]
    along /= max(float(np.linalg.norm(along)), 1e-9)
    across = np.array([-along[1], along[0]])
    pts = np.stack([xs, ys], axis=1).astype(np.float64)
    centre = pts.mean(axis=0)
    lengthwise = (pts - centre) @ along
    top, bottom = float(np.percentile(lengthwise, 2)), float(np.percentile(lengthwise, 98))
    length = max(bottom - top, 1.0)
    half = float(np.percentile(np.abs((pts - centre) @ across), 98)) * 0.5
    h, w = solid.shape
    reach = int(2 * length + half) + 2
    x0, y0 = max(0, int(centre[0]) - reach), max(0, int(centre[1]) - reach)
    x1, y1 = min(w, int(centre[0]) + reach + 1), min(h, int(centre[1]) + reach + 1)
    gy, gx = np.mgrid[y0:y1, x0:x1]
    on = (gx - centre[0]) * along[0] + (gy - centre[1]) * along[1]
    off = np.abs((gx - centre[0]) * across[0] + (gy - centre[1]) * across[1])
    near = (off <= half) & ~solid[y0:y1, x0:x1]
    sleeve_strip = near & (on >= top - 0.8 * length) & (on <= top - 0.2 * length)
    wrist_strip = near & (on >= bottom + 0.2 * length) & (on <= bottom + 0.8 * length)
    if sleeve_strip.sum() < 10 or wrist_strip.sum() < 10:
        return None
    window = np.asarray(lab, np.float32)[y0:y1, x0:x1]
    sleeve = np.median(window[sleeve_strip], axis=0)
    skin = np.median(window[wrist_strip], axis=0)
    if float(np.linalg.norm((sleeve - skin) * CUFF_WEIGHTS)) < CUFF_FROM_SKIN:
        return 0.0
    drawn = np.asarray(lab, np.float32)[solid]
    like_sleeve = np.linalg.norm((drawn - sleeve) * CUFF_WEIGHTS, axis=1) < np.linalg.norm(
        (drawn - skin) * CUFF_WEIGHTS, axis=1
    )
    return float(like_sleeve.mean())


def watch_width(cover: NDArray[np.floating[Any]], skin: NDArray[np.bool_], elbow: Point, wrist: Point) -> float | None:
    """The watch's length along the forearm (`elbow` to `wrist`, 2nd to 98th percentile of
    its solid pixels) over the run of `skin` across the forearm through the watch's middle.
    None when too little was drawn or its middle is not on skin (a sleeve: `watch_off_skin`)."""
    found = _watch_on_forearm(cover, elbow, wrist)
    if found is None:
        return None
    ys, xs, along = found
    across = np.array([-along[1], along[0]])
    pts = np.stack([xs, ys], axis=1).astype(np.float64)
    centre = pts.mean(axis=0)
    lengthwise = (pts - centre) @ along
    length = float(np.percentile(lengthwise, 98) - np.percentile(lengthwise, 2))
    h, w = skin.shape
    reach = np.abs((pts - centre) @ across).max() * 2 + 4
    steps = np.arange(-reach, reach, 0.5)
    line_x = np.clip((centre[0] + across[0] * steps).astype(int), 0, w - 1)
    line_y = np.clip((centre[1] + across[1] * steps).astype(int), 0, h - 1)
    line = skin[line_y, line_x]
    mid = len(steps) // 2
    if not line[mid]:
        return None
    lo = mid - int(np.argmin(line[mid::-1])) if not line[: mid + 1].all() else 0
    hi = mid + int(np.argmin(line[mid:])) if not line[mid:].all() else len(steps)
    return length / max((hi - lo) * 0.5, 1.0)


def watch_strap_block(
    cover: NDArray[np.floating[Any]], lightness: NDArray[np.floating[Any]], elbow: Point, wrist: Point
) -> float | None:
    """How far the watch's dark part (its solid pixels darker than halfway between their
    10th and 90th percentile `lightness`: the strap) spreads along the forearm (`elbow` to `wrist`) round the light
    part's middle (the case), over the light part's own spread along it (root mean
    squares). A strap round the wrist runs across and is narrower than the case (under
    1); a strap's far loop or flat side shot at three-quarters lies beside the case up or
    down the forearm as a dark block (about 2). None when too little was drawn."""
    found = _watch_on_forearm(cover, elbow, wrist)
    if found is None:
        return None
    ys, xs, along = found
    lengthwise = np.stack([xs, ys], axis=1).astype(np.float64) @ along
    light = np.asarray(lightness, np.float64)[ys, xs]
    low, high = np.percentile(light, [10, 90])
    dark = light < (low + high) / 2
    if dark.sum() < MIN_WATCH_PIXELS // 2 or (~dark).sum() < MIN_WATCH_PIXELS // 2:
        return None
    middle = float(lengthwise[~dark].mean())
    case = float(np.sqrt(np.mean((lengthwise[~dark] - middle) ** 2)))
    return float(np.sqrt(np.mean((lengthwise[dark] - middle) ** 2))) / max(case, 1.0)


def watch_strap_flat(
    cover: NDArray[np.floating[Any]], lightness: NDArray[np.floating[Any]], elbow: Point, wrist: Point
) -> float | None:
    """The mean fine detail (|lightness - its 3×3 mean|) on the strap: the watch's solid
    pixels beyond `STRAP_OUTER` of its half-length across the forearm (`elbow` to
    `wrist`), of about their median lightness (within `STRAP_TONE`: the strap, not the
    case's rim that reaches out there), 1 px in from where that tone ends. A strap drawn
    from the product's own strap keeps its stitching, ribs and grain; one painted in its
    median colour is a flat slab (under `WATCH_STRAP_FLAT`). None when too little was drawn."""
    found = _watch_on_forearm(cover, elbow, wrist)
    if found is None:
        return None
    ys, xs, along = found
    across = np.array([-along[1], along[0]])
    sideways = np.abs((np.stack([xs, ys], axis=1) - np.array([xs.mean(), ys.mean()])) @ across)
    outer = sideways > STRAP_OUTER * float(np.percentile(sideways, 98))
    light = np.asarray(lightness, np.float32)
    if outer.sum() < MIN_WATCH_PIXELS // 3:
        return None
    tone = float(np.median(light[ys[outer], xs[outer]]))
    strap = np.zeros(light.shape, np.uint8)
    strap[ys[outer], xs[outer]] = np.abs(light[ys[outer], xs[outer]] - tone) < STRAP_TONE
    inner = cv2.erode(strap, np.ones((3, 3), np.uint8)) > 0
    if inner.sum() < MIN_WATCH_PIXELS // 3:
        return None
    detail = np.abs(light - cv2.blur(light, (3, 3)))
    return float(detail[inner].mean())


def waist_smear(
    image: NDArray[np.uint8], cover: NDArray[np.floating[Any]], span: tuple[float, float], shoulder_width: float
) -> float | None:
    """Over the columns `span` (x from, to: the trunk), the fine detail (mean gradient)
    of the band just above where the new bottom (`cover`) starts, over the lower of that
    of the band `WAIST_ABOVE` bands higher and of the band on the waistband itself. A
    smear there is far smoother than both; a plain top goes on as plain as it was."""
    h, w = cover.shape
    band = max(2, int(shoulder_width * WAIST_BAND))
    lum = _luminance(image)
    detail = np.abs(np.diff(lum, axis=1, append=lum[:, -1:])) + np.abs(np.diff(lum, axis=0, append=lum[-1:]))
    solid = np.asarray(cover) > 0.5
    x0, x1 = max(0, int(span[0])), min(w, int(np.ceil(span[1])))
    sums = np.zeros(3)
    columns = 0
    for x in range(x0, x1):
        rows = np.flatnonzero(solid[:, x])
        if not len(rows):
            continue
        edge = int(rows[0])
        top = edge - (WAIST_ABOVE + 1) * band
        if top < 0 or edge + band + 2 > h:
            continue
        column = detail[:, x]
        sums += (
            column[top : top + band].mean(),
            column[edge - band : edge - 1].mean(),
            column[edge + 2 : edge + band + 2].mean(),
        )
        columns += 1
    if columns < MIN_WAIST_COLUMNS:
        return None
    above, just_above, waistband = sums / columns
    return float((just_above + 1) / (min(above, waistband) + 1))


def waist_detail_lost(
    before: NDArray[np.uint8],
    after: NDArray[np.uint8],
    cover: NDArray[np.floating[Any]],
    span: tuple[float, float],
    shoulder_width: float,
) -> float | None:
    """Over the columns `span` (x from, to: the trunk), the fine detail (mean gradient)
    of the band `WAIST_BAND` high just above where the new bottom (`cover`) starts, in
    the render (`after`), over the lower of the photo's (`before`) in the same band and
    in the band above it. A kept top's hem (a cardigan's rib under a plaid) rebuilt as a
    smear keeps a fraction of the detail the photo shows there and above; a smooth tee
    carried down over an old waistband's buttons and loops is as smooth as the tee above.
    `waist_smear` reads the render alone, and a smear with the plaid mirrored into it
    passes there."""
    h, w = cover.shape
    band = max(2, int(shoulder_width * WAIST_BAND))
    solid = np.asarray(cover) > 0.5
    x0, x1 = max(0, int(span[0])), min(w, int(np.ceil(span[1])))
    details = []
    for image in (before, after):
        # The span's columns and the one past them (each gradient reads its neighbour).
        lum = _luminance(np.ascontiguousarray(image[:, x0 : x1 + 1]))
        details.append(np.abs(np.diff(lum, axis=1, append=lum[:, -1:])) + np.abs(np.diff(lum, axis=0, append=lum[-1:])))
    sums = np.zeros(3)
    columns = 0
    for x in range(x0, x1):
        rows = np.flatnonzero(solid[:, x])
        if not len(rows) or rows[0] - 2 * band < 0:
            continue
        edge = int(rows[0])
        c = x - x0
        sums += (
            details[0][edge - band : edge - 1, c].mean(),
            details[0][edge - 2 * band : edge - band - 1, c].mean(),
            details[1][edge - band : edge - 1, c].mean(),
        )
        columns += 1
    if columns < MIN_WAIST_COLUMNS:
        return None
    photo, above, render = sums / columns
    return float((render + 1) / (min(photo, above) + 1))


def waistband_blur(
    image: NDArray[np.uint8],
    skin: NDArray[np.floating[Any]],
    cover: NDArray[np.floating[Any]],
    span: tuple[float, float],
    shoulder_width: float,
) -> float | None:
    """How soft the rebuilt midriff's lower edge against the trousers or skirt below it
    is, in pixels: over the columns `span` (x from, to: the trunk) where rebuilt `skin`
    (0..1 a pixel) ends above neither skin nor the new garment (`cover`), the luminance
    step across that edge over its steepest gradient there (about the edge's width), the
    median over the columns. A waistband ends the skin crisply; the skin faded into the
    trousers over many pixels read as a blurred band. None when too few columns show
    such an edge."""
    h, w = skin.shape
    reach = max(4, int(shoulder_width * WAISTBAND_REACH))
    run = max(2, int(shoulder_width * WAISTBAND_SKIN))
    lum = cv2.GaussianBlur(_luminance(image), (0, 0), 0.7)
    bare = np.asarray(skin) >= 0.5
    clear = (np.asarray(skin) < 0.1) & (np.asarray(cover) < 0.1)
    x0, x1 = max(0, int(span[0])), min(w, int(np.ceil(span[1])))
    widths = []
    for x in range(x0, x1):
        rows = np.flatnonzero(bare[:, x])
        if len(rows) < run:
            continue
        edge = int(rows[-1])
        if edge - reach - run < 0 or edge + reach + 1 > h:
            continue
        if not bare[edge - run : edge + 1, x].all() or not clear[edge + reach // 2 : edge + reach + 1, x].all():
            continue
        column = lum[edge - reach : edge + reach + 1, x]
        step = abs(float(column[0]) - float(column[-1]))
        if step < WAISTBAND_STEP:
            continue
        steepest = float(np.abs(np.diff(column)).max())
        widths.append(step / max(steepest, 1e-3))
    if len(widths) < MIN_WAISTBAND:
        return None
    return float(np.median(widths))


def waist_redrawn(
    image: NDArray[np.uint8],
    photo: NDArray[np.uint8],
    skin: NDArray[np.floating[Any]],
    cover: NDArray[np.floating[Any]],
    span: tuple[float, float],
    shoulder_width: float,
) -> float | None:
    """How far below the rebuilt midriff's skin the render (`image`) is not the photo, in
    shoulder widths: over the columns `span` (x from, to: the trunk) where rebuilt `skin`
    (0..1 a pixel) ends below the new garment (`cover`), the rows from that end down to
    the first `WAIST_REDRAWN_CLEAR` running that match the photo (or the reach's end),
    the median over the columns. A midriff ended at a fixed depth above the old top's
    hem had the trousers' or skirt's top mirrored up into the gap, a smeared band under a
    ruled line; ended at the hem, the bottom goes on as shot just below it. None when
    too few columns show such an end."""
    h, w = np.asarray(skin).shape
    bare = np.asarray(skin) >= 0.5
    covered = np.asarray(cover) > 0.5
    reach = max(2, int(shoulder_width * WAIST_REDRAWN_REACH))
    moved = np.abs(image.astype(np.int16) - photo.astype(np.int16)).max(axis=2) > WAIST_REDRAWN_STEP
    x0, x1 = max(0, int(span[0])), min(w, int(np.ceil(span[1])))
    bands = []
    for x in range(x0, x1):
        rows = np.flatnonzero(covered[:, x])
        if not len(rows):
            continue
        # The skin's run from just below the new hem (a leg rebuilt further down is not it).
        start = int(rows[-1]) + 1
        first = np.flatnonzero(bare[start : start + WAIST_REDRAWN_CLEAR + 1, x])
        if not len(first):
            continue
        ends = np.flatnonzero(~bare[start + int(first[0]) :, x])
        if not len(ends):
            continue
        edge = start + int(first[0]) + int(ends[0])
        run = moved[edge : min(h, edge + reach), x]
        clear = np.convolve(~run, np.ones(WAIST_REDRAWN_CLEAR), mode="valid") >= WAIST_REDRAWN_CLEAR
        bands.append((int(np.argmax(clear)) if clear.any() else len(run)) / shoulder_width)
    if len(bands) < MIN_WAIST_REDRAWN:
        return None
    return float(np.median(bands))


def waist_mosaic(
    image: NDArray[np.uint8],
    photo: NDArray[np.uint8],
    cover: NDArray[np.floating[Any]],
    span: tuple[float, float],
    shoulder_width: float,
) -> float | None:
    """How many times a row steps between redrawn and as-shot pixels, on average, in the
    band `WAIST_MOSAIC_REACH` shoulder widths deep just below the new garment (`cover`)
    over the columns `span` (x from, to: the trunk). A pixel is redrawn where a channel
    of `image` moved from the `photo` by over `WAIST_MOSAIC_STEP`, specks under
    `WAIST_MOSAIC_SPECK` pixels across dropped. Flecks of the old bottom's waistband taken
    for the old top were rebuilt as skin squares among the denim left as shot: a mosaic,
    many steps a row; a midriff rebuilt whole or a waistband kept steps at most at its
    ends. None when too few columns end the garment above the band."""
    h, w = photo.shape[:2]
    covered = np.asarray(cover) > 0.5
    reach = max(2, int(shoulder_width * WAIST_MOSAIC_REACH))
    band = np.zeros((h, w), bool)
    x0, x1 = max(0, int(span[0])), min(w, int(np.ceil(span[1])))
    for x in range(x0, x1):
        rows = np.flatnonzero(covered[:, x])
        if len(rows):
            band[rows[-1] + 1 : rows[-1] + 1 + reach, x] = True
    if np.count_nonzero(band.any(axis=0)) < MIN_WAIST_MOSAIC:
        return None
    moved = np.abs(image.astype(np.int16) - photo.astype(np.int16)).max(axis=2) > WAIST_MOSAIC_STEP
    speck = np.ones((WAIST_MOSAIC_SPECK, WAIST_MOSAIC_SPECK), np.uint8)
    moved = cv2.morphologyEx(moved.astype(np.uint8), cv2.MORPH_OPEN, speck) > 0
    both = band[:, 1:] & band[:, :-1]
    steps = np.count_nonzero(both & (moved[:, 1:] != moved[:, :-1]))
    return steps / max(1, np.count_nonzero(band.any(axis=1)))


def midriff_width(
    skin: NDArray[np.floating[Any]],
    cover: NDArray[np.floating[Any]],
    neck: NDArray[np.floating[Any]],
    hips: NDArray[np.floating[Any]],
    frontal_width: float,
) -> float | None:
    """How wide the rebuilt midriff is, in frontal shoulder widths: on each row between
    `neck` and `hips` where the midline is rebuilt `skin` (0..1 a pixel) below the new
    garment (`cover`), the run of skin through the midline (gaps up to `MIDRIFF_BRIDGE`
    bridged); the median over those rows. A loose old top's outline runs down the arms
    hanging against it: rebuilt out to it, arms and midriff were one slab of skin as
    wide as the old top. None with fewer than `MIN_MIDRIFF_ROWS` such rows."""
    bare = np.asarray(skin) >= 0.5
    covered = np.asarray(cover) > 0.5
    h, w = bare.shape
    bridged = cv2.morphologyEx(bare.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((1, MIDRIFF_BRIDGE + 2), np.uint8)) > 0
    rise = max(float(hips[1] - neck[1]), 1.0)
    widths = []
    for y in range(max(0, int(np.ceil(neck[1]))), min(h, int(hips[1]) + 1)):
        x = int(round(float(neck[0]) + (y - float(neck[1])) / rise * float(hips[0] - neck[0])))
        if not (0 <= x < w) or not bare[y, x] or covered[y, x] or not covered[:y, x].any():
            continue
        row = bridged[y]
        left = np.flatnonzero(~row[: x + 1])
        right = np.flatnonzero(~row[x:])
        start = int(left[-1]) + 1 if len(left) else 0
        end = x + int(right[0]) if len(right) else w
        widths.append((end - start) / max(frontal_width, 1.0))
    if len(widths) < MIN_MIDRIFF_ROWS:
        return None
    return float(np.median(widths))


def pose_dynamic(measures: dict[str, float | None]) -> float | None:
    """The largest of the pose's measures over its limit in `POSE_AT_REST` (1 and more: a
    garment drawn on a body not standing at rest, which a 2-D garment cannot follow);
    None when none was measured. A measure under 0 (ankles each on their own side) counts
    as 0."""
    shares = [max(value, 0.0) / POSE_AT_REST[name] for name, value in measures.items() if value is not None]
    return max(shares, default=None)


def _masked_mean(values: NDArray[np.float32], weight: NDArray[np.float32], sigma: float) -> NDArray[np.float32]:
    """Gaussian average of `values` over the pixels `weight` selects."""
    total = cv2.GaussianBlur(values * weight, (0, 0), sigma)
    return cast(NDArray[np.float32], total / np.maximum(cv2.GaussianBlur(weight, (0, 0), sigma), 1e-3))


def old_folds(output: NDArray[np.uint8], photo: NDArray[np.uint8], region: Mask, shoulder_width: float) -> float | None:
    """How strongly the render's fold-scale light over the new garment's main colour in
    `region` (the new garment solid where the old one was) follows the photo's there, in
    Lab L*: both lightness maps band-passed between `OLD_FOLDS_FINE` and `OLD_FOLDS_BODY`
    over that colour alone (the new garment's own print and colour edges left out), and
    the spread of the render's that is the photo's (their covariance over the photo's
    spread). Old folds, seams or print laid on the new garment as grey blotches score
    their depth; the new garment's own weave, which does not follow them, near 0. None
    when too little of the region is of one colour."""
    lab = np.asarray(cv2.cvtColor(output.astype(np.float32) / 255, cv2.COLOR_RGB2LAB), np.float32)
    if np.count_nonzero(region) < MIN_OLD_FOLDS:
        return None
    fine, body = max(0.7, shoulder_width * OLD_FOLDS_FINE), max(2.0, shoulder_width * OLD_FOLDS_BODY)
    main = np.median(lab[region], axis=0)
    step = np.abs(lab - main)
    plain = region & (step[:, :, 0] < OLD_FOLDS_LIGHTNESS) & (step[:, :, 1:].max(axis=2) < OLD_FOLDS_HUE)
    rim = 2 * max(1, int(shoulder_width * OLD_FOLDS_RIM)) + 1
    inner = cv2.erode(plain.astype(np.uint8), np.ones((rim, rim), np.uint8))
    # Scraps of one colour between a print's others are too few to read light on.
    if np.count_nonzero(inner) < max(MIN_OLD_FOLDS, OLD_FOLDS_SHARE * np.count_nonzero(region)):
        return None
    x, y, bw, bh = cv2.boundingRect(inner)
    pad = int(shoulder_width * OLD_FOLDS_BODY * 3) + 1
    h, w = inner.shape
    box = (slice(max(0, y - pad), min(h, y + bh + pad)), slice(max(0, x - pad), min(w, x + bw + pad)))
    weight = plain[box].astype(np.float32)
    inside = inner[box] > 0
    photo_lum = np.asarray(cv2.cvtColor(photo[box].astype(np.float32) / 255, cv2.COLOR_RGB2LAB)[:, :, 0], np.float32)
    made, seen = (
        (_masked_mean(lum, weight, fine) - _masked_mean(lum, weight, body))[inside].astype(np.float64)
        for lum in (lab[box][:, :, 0], photo_lum)
    )
    spread = float(seen.std())
    if spread < 1e-3:
        return 0.0
    return max(0.0, float(np.mean((made - made.mean()) * (seen - seen.mean()))) / spread)
