"""French lexicon: France, Belgium, Québec, West and Central Africa, Haiti.

Weights: 3 names the behaviour outright, 2 describes the conduct plainly, 1 is a hint.
"""

CORPS = (
    "seins|sein|poitrine|cuisse|cuisses|fesse|fesses|derriere|sexe|hanche|hanches|jambe|jambes|"
    "entrejambe|parties|intimes|soutien|culotte|jupe|taille|genoux|nichons|cul"
)

SPECS: dict[str, str] = {
    "sexual_misconduct": f"""
    3: profit* ~4 ivre|saoule|soule|etat|endormie|dormait; couch* ~2 contre ~1 elle|moi;
    3: couch* ~2 dans ~1 son|mon ~1 lit; colle* ~2 contre ~1 elle|moi|lui;
    3: emmen*|monte*|ramen* ~4 sa|son ~1 chambre|lit|piaule; embrass* de force;
    3: frott* ~2 contre; s est frotte*; force* ~3 danser|embrasser|coucher;
    2: ne se souvient ~2 rien|plus; pas en etat ~3 consentir|dire;
    3: harcelement sexuel; harcel* ~2 sexuel*; agression* sexuel*; abus sexuel*; abus* ~2 sexuel*;
    3: exploitation sexuel*; exploit* ~2 sexuel*; viol; viols; violee; violees; violer; viole par;
    3: attouchement*; tripot*; pelot*; taponn*; mains baladeuses; main aux fesses;
    3: pogn* ~3 fesses|seins|cul; touch* ~4 {CORPS}; caress* ~4 {CORPS}; main ~3 {CORPS};
    3: promotion canape; droit de cuissage; notes sexuellement transmissibles; sextorsion;
    3: coucher avec ~4 lui|moi|elle|poste|contrat|note*|stage|emploi|travail|aide|place;
    3: photos|videos|images ~2 intimes|nue*|denude*; nudes; photo ~2 de son sexe; exhibitionnis*;
    3: s est exhibe;
    3: faveurs sexuel*; relations sexuel* ~4 contre|pour|en echange; sans ~2 consentement;
    3: embrass* ~3 force*|de force|sans; baiser* force*; frott* ~3 contre; masturb*;
    3: pedophil*; pedocrimin*; predateur*; proxenet*; prostitu*; sexe transactionnel;
    3: propositions indecentes; propositions sexuelles;
    1: propositions; avances;
    2: sexuel*; sexuelle*; drague*; dragu*; fait des avances; lourd avec;
    2: m a touche*; l a touche*; les a touche*; touche les filles|femmes|participantes|jeunes;
    2: deplac* ~3 commentaire*|geste*|message*|photo*; remarques ~3 corps|physique|tenue|seins;
    2: sa chambre; ma chambre; chambre d hotel; dans sa voiture ~4 seule|nuit|soir; au lit;
    2: bisou*; bise* ~3 force*|insist*; calin*; embrass*; massage*; frenche*; frencher;
    2: sortir avec ~3 lui|elle|moi; rendez vous ~3 lui|seul*|soir;
    2: regard* ~3 seins|corps|poitrine|decolete|decollete; siffl*; pervers*; obscen*; cochon*;
    2: enceinte ~4 superviseur|formateur|coordinateur|directeur|lui; relation ~3 participante|eleve;
    2: consentement; agresse*; agression*; abus* ~3 fille*|garcon*|enfant*|mineur*|eleve*;
    1: corps; physique; tenue; jolie; belle; sexy; ma cherie; chouchou; bebe; nuit; tard le soir;
        3: ce que ~2 tu|vous ~2 as|avez a faire; gentille avec lui; seule avec lui|le|la;
    3: stagiaires se previennent; sur ses genoux; essay* ~2 d embrasser; porte* ~2 comme tenue;
    2: message*|texto* ~6 nuit|minuit|matin; seule dans ma chambre; ce que je porte;
    2: passer le voir; le soir a l hotel; coeurs|bisous ~3 message*|whatsapp;
    2: relation avec ~3 eleve|fille|participante;
    2: dortoir*; service ~2 rendre; petit service;
    1: seule; soir; service;

    2: mes|tes|ses ~1 formes; me colle*; fasse connaissance; raccompagner ~3 chez;
    3: passer chez lui; chez lui ~3 soir|nuit; photo* ~3 par en dessous|sous la table|sous la jupe;
    3: photo* ~2 privee*|intime*;
    2: tenues ~3 stagiaires|filles|femmes; plaire a qui; reve de moi; tap* ~3 porte ~4 chambre;
    2: laisser entrer; danser avec moi; genit*; mal a l aise;
    """,
    "abusive_behaviour": """
    3: harcelement moral; harcel* ~3 moral*|travail|quotidien*|psycholog*|constant*|permanence;
    3: intimid*; humili*; menac*; brimade*; maltrait*; maltraitance; violence* verbal*|physique*;
    3: abus de pouvoir|pouvoir|autorite; abus* ~2 pouvoir; tabass*; frapp*; gifl*; claqu* ~2 visage;
    3: chicott*; fouett*; coup de poing|pied|poings; coups; battu*; bousculad*; bouscul*;
    3: insult*; injuri*; rabaiss*; denigr*; crie* ~3 dessus|sur|contre; hurl* ~3 sur;
    3: gueul* ~3 sur|contre|apres; engueul*;
    3: traite* ~3 idiot|imbecile|nul|singe|chien|incapable|bon;
    2: cri; cris; crie; crier; criait; criaient; criant; hurl*; gueul*; ecoeur*; insulte*; moqu*;
    2: ridiculis*;
    2: idiot*; imbecile*; nul; nulle; incapable*; bon a rien; paresseu*; connard*;
    2: pousse*; empoign*; violent*; violence; agressi*; colere; rage; enerv*; tyran*; toxique;
    1: peur; effray*; terroris*; pleur*; larmes; tremb*; angoiss*; panique; stress*;
    2: devant ~3 tout|toute|participants|collegues|groupe|equipe;
    2: isol*; exclu* ~3 reunion*|groupe|whatsapp; mis a l ecart; mise a l ecart; placard*;
    2: puni*; sanction*; represaill*; vire* ~3 si; licenci* ~3 si; retrograd*;
    2: heures sup* ~3 pas payees|non payees; esclave*; travailler ~3 week end|nuit ~3 sinon;
    1: autorite;
    2: abus*; abusif*; irrespect*; manque de respect; mepris*; cruel*;
    1: pression*; epuis*; burn out; arret maladie; demission*; chef; patron; directeur; responsable;
        3: tu vas voir ce qui; vas le regretter; tu vas le regretter; sinon ~3 tu vas;
    3: trait* ~3 de chien*|singe*|animaux|esclaves; comme des chiens;

    3: regler son compte; contre le mur; bizutage;
    2: a voix haute; rester debout; ne me dit plus bonjour; reunions sans moi; imagin* des choses;
    2: laver ~3 voiture|maison; courses personnelles; savoir se taire;
    """,
    "discrimination": """
    3: discrimin*; racis*; sexis*; homophob*; transphob*; xenophob*; islamophob*; antisemit*;
    3: misogyn*; tribalis*; ethnicis*; regionalis*; validis*; agis*; grossophob*; negrophob*;
    3: parce que ~4 femme|femmes|homosexuel*|gay|lesbienne|trans|noir*|musulman*|chretien*|
        handicap*|enceinte|vieux|vieille|etranger*|ethnie|tribu|accent|seropositi*|religion|couleur|
        origine|albino*|peul*|bamileke*|juif|juive|age;
    3: a cause de ~3 mon|ma|son|sa|leur|mes|ses ~2 genre|sexe|couleur|religion|ethnie|tribu|origine|
        handicap|age|accent|orientation|nationalite|statut|voile|grossesse|peau|caste;
    3: statut serologique; seropositi*; vih; salaire inferieur ~6 hommes|femmes|collegue*;
    3: insultes racistes; propos racistes; propos homophobes; mauvais genre; mauvais pronom*;
    2: gay; gays; lesbienne*; homosexuel*; homo; bisexuel*; trans; transgenre*; lgbt*; queer;
    2: noir*; blanc; blanche; blancs; blanches; couleur de peau; peau; race; ethnie*; ethnique*;
    2: tribu*; origine*;
    2: musulman*; chretien*; juif; juive; religion*; religieu*; voile; foulard; priere;
    2: handicap*; fauteuil roulant; sourd*; aveugle*; malvoyant*; accessib*; rampe;
    1: femme; femmes; genre; age; ecart*;
    2: feminin*; masculin*; que des hommes; hommes seulement;
    2: enceinte; grossesse; maternite; allaitement; allaiter; trop vieux|vieille|age|agee|jeune;
    2: etranger*; immigre*; migrant*; refugie*; nationalite; accent; sans papiers;
    2: stereotyp*; prejug*; injust*; inegal*; egalite; exclusion; exclu*; mis de cote;
    2: pede*; pd; tapette*; fif; fifi; gouine*; tarlouze*; makoumè; masisi; negre*; bougnoul*;
    2: singe*; macaque*; sale ~2 arabe|noir|negre|blanc|chinois|juif|etranger|pede;
    1: les hommes; les femmes; collegues masculins; en tant que femme; nos collegues hommes;
        3: retourne* ~2 ton pays; retourne* chez toi; sang neuf;
        3: seuls ~3 africains|noirs|femmes|musulmans|etrangers;
    2: haitien*; somalien*; nigerian*; congolais*; chinois; arabe*; rom; roms; gitan*; peul*;
    2: candidats hommes; moins que ~4 collegues|hommes|masculins; mon statut; enfants bientot;
    1: a #senior ans; statut;

    2: voil*; peul*; bamileke*; bassa*; touareg*; pygmee*; batwa;
    """,
    "conflict_of_interest": """
    2: associe|associee|proprietaire|patron|patronne|copropriet* ~3 garage|boutique|hotel|
        imprimerie|agence|cabinet|restaurant|transport|maquis|pharmacie|quincaillerie|traiteur;
    3: conflit* d interet*; conflit* ~2 interet*; nepotis*; favoritis*; copinage; clientelis*;
    3: pas ~2 declar*; jamais ~2 declar*; non declar*; sans ~2 declar*; dissimul* ~3 lien*;
    3: sa|son|ses ~2 propre ~2 societe|entreprise|boite|ong|association|cabinet|boutique;
    3: sa|son|ses ~2 femme|epouse|mari|frere|soeur|cousin*|neveu|niece|fils|fille|copine|copain|
        blonde|chum|conjoint*|partenaire|fiance*|oncle|tante|belle|beau|parent*|famille|petit|
        petite ~6 recrut*|embauch*|engag*|societe|entreprise|boite|fournisseur|prestataire|
        consultant*|subvention*|dossier|candidature|selectionn*|marche|appel|possede|dirige|gere|
        traiteur|hotel|transport;
    3: beau frere; belle soeur; beaux parents; belle famille; beau pere; belle mere;
    3: actionnaire; associe* ~3 fournisseur|societe|entreprise; gerant de;
    3: propriet* ~3 societe|hotel;
    2: son deuxieme bureau; epouse; mari;
    1: femme; frere; soeur; cousin*; neveu; niece; oncle; tante; parent*; famille;
    2: copine; copain; blonde; chum; conjoint*; ami* d enfance; meilleur* ami*;
    1: ami; amie; relation; lien*; entretien*; engag*; marche*;
    2: recrut*; embauch*; nomm*; selectionn*; jury; comite de selection;
    2:  prestataire*; appel d offres; soumission*; contrat* ~4 a|avec ~3 son|sa|ses;
    2: attribu*; octroy*; truqu*;  liens familiaux; recus*;
    1: interet*;
    2: registre du commerce; immatricul*; statuts de la societe; gerant; proprietaire;
    2: meme nom de famille; meme famille; entreprise familiale; sa societe; son entreprise;
    1: personnel; privee; prive; societe; entreprise; subvention*; evaluation*; dossier*;
        2: pas d annonce; sans annonce; pas d entretien; sans appel a candidatures; meme nom;
    1: fournisseur*; prestataire*;
    1: declar*; loyer; bail; vote*;
    3: fille|fils|femme|mari|neveu|niece|frere|soeur|cousin*|copine|copain ~2 du|
        de la ~1 president*|directeur|directrice|coordinat*|tresorier*|responsable|chef;
    2: appartient ~3 coordinat*|directeur|president*|tresorier*|responsable|chef|son|sa; absten*;
    2: juge et partie; deux cotes de la table;
    2: est aussi celui|celle qui; aussi salari*; cabinet de conseil ~4 son|sa|directeur;
    2: relation avec ~3 collegue|point focal|subordonne*;
    """,
    "fraud_corruption": """
    3: fraud*; detourn*; corrupt*; corrompu*; pot de vin; pots de vin; dessous de table;
    3: retrocommission*; malversation*; escroqu*; vole* ~3 argent|fonds|materiel|caisse;
    3: faux|fausse|fausses|falsifi*|gonfl*|truqu*|fabriqu* ~3 recu*|facture*|rapport*|signature*|
        liste*|feuille*|piece*|justificati*|chiffre*|devis|note*;
    3: surfactur*; double facturation; participants fictifs|fantomes; emploi* fictif*; fictif*;
    3: gombo; tchoko; motivation ~3 agent*|policier*|douan*|donner; mouiller la barbe; bakchich*;
    3: bouff* ~3 argent|fonds|caisse|per diem|perdiem; mang* ~3 argent|fonds|caisse|l argent;
    3: empoch*;
    3: garde* ~3 partie|moitie|reste|pourcentage ~4 argent|per diem*|perdiem*|indemnit*|fonds|
        salaire*|cotisation*;
    3: argent ~3 disparu|manque|manquant|introuvable|envole; caisse ~3 vide|disparu|manque;
    3: blanchi* ~2 argent; extorsion; extorqu*; racket*; rancon*;
    2: recu*; facture*; note de frais; per diem*; perdiem*; indemnit*; cotisation*;
    1: vol; compte*; manqu*; frais;
    2: argent; fric; fonds; caisse;   audit*;  tresor*;
    2: signature*; liste de presence|d emargement; feuille* de presence|d emargement; emargement;
    2: gonfl*; fictif*; faux; fausse*; falsifi*; imit* ~2 signature*; bidon; truqu*;
    2: jamais ~3 eu|livre*|realise*|organise*; n a jamais eu lieu; atelier fantome;
    2: arnaque*; arnaqu*; tricher*; trich*; malhonnet*; irregularit*; disparu*;
    2: compte personnel; son compte; mobile money; orange money; wave; virement ~3 son|sa|perso;
    2: payer ~3 pour ~3 place|poste|obtenir|selectionn*; exig* ~3 argent|paiement|somme;
    1: depense*; paye*; paiement*; prix; cout; couts; couteux; montant*; rapport*; chiffres; somme*;
        3: pour le cafe ~2 policier|agent|douanier; en carburant; comme carburant;
    2: vehicule du projet ~8 mariage|funerailles|personnel|vacances|famille; pour son mariage;
    2: carte carburant;
    2: carnet de bord; par participant; usage personnel;

    2: n existe pas; qui n existe; factur* ~3 pour ~2 personnes|participants;
    1: comptabilit*; budget*; audit*; financ*;
    3: paye deux fois; payes deux fois; double paiement;
    2: au dessus des prix|du marche; commission* ~3 illegale*|preleve*|exige*;
    """,
    "substance_misuse": """
    3: ivre*; ivresse; saoul*; soul; soule; soûl; bourre*; pompette; eméché; emeche*; torche;
    3: paquete*; sur la brosse; cuite; bitur*; rond comme; defonc*; stone; gele* ~2 ben|raide;
    3: sent* ~3 alcool|biere|vin|whisky|rhum|joint|cannabis|herbe; odeur ~3 alcool|cannabis|joint;
    3: sous l effet ~3 alcool|drogue*|cannabis|substance*; sous influence;
    3: cocaine; coke; crack; heroine; ecstasy; mdma; ketamine; lsd; dealer*; trafic de drogue;
    3: vend*|fourni*|donn*|propos*|offert|offre|pass*|distribu* ~3 drogue*|joint*|cannabis|beuh|
        herbe|chanvre|pilule*|cachet*|coke;
    3: alcool*; alcoolis*; alcoolique*; toxicoman*; addict*;
    3: consommation ~3 drogue*|alcool|cannabis;
    2: boi*; bu; buvait; buvaient; biere*; bieres; vin; whisky; rhum; vodka; gin; tafia; sodabi;
    2: koutoukou; kutukutu; bangui; tchapalo; dolo; bili bili; arki; kleren; clairin; bouteille*;
    2: cannabis; joint; joints; herbe; beuh; chanvre; petard*; shit; weed; ganja;
    2: drogue*; drogu*; stupefiant*; pilule*; cachets; substance*;
    1: perch*; raide; buzz; pot;
    2: titub*; bafouill*; articul* ~2 mal|plus; vomi*; s est effondre; endormi ~3 reunion|atelier;
    2: conduir*|volant|conduit ~5 ivre|saoul|bourre|boire|bu|alcool;
    2: apero*; fete ~4 alcool|boire|biere; bar; maquis; buvette; cabaret; boite de nuit;
    1: fete; soiree; odeur; fum*; cigarette*; clope*; gueule de bois;
        3: etait|est ~1 defonce|perche|raide|gele;

    """,
    "other": """
    2: site web; site internet; lien casse|mort|brise;
    1: lien; salle; avis; ameliorer; information*; appli*; mot de passe; connexion; bug;
    2: remboursement* ~4 retard|attente|toujours|encore|jamais; visa; lettre d invitation;
    2: traiteur; restauration; cotisation ~3 annuelle|adhesion|montant|augment*; adhesion;
    2: comment ~2 faire|puis|peut|signaler; est il possible; est ce que ~2 peux|peut;
    2: suivi de ~2 signalement|dossier|plainte; mon precedent signalement; numero de dossier;
    2: des nouvelles; toujours pas ~2 nouvelles|reponse; merci pour; suggestion*;
    1: formulaire ~3 ne|marche|fonctionne|bloque|erreur; telecharg*; piece jointe;
    1: question*; renseignement*; precision*; confidentialit* ~3 comment|est ce;
    1: reunion* ~3 anglais|francais|espagnol|portugais|traduction|interpret*|langue|horaire;
    1: traduction; traducteur; interpret*; calendrier; ordre du jour; date limite;
    1: repas; dejeuner; nourriture; menu; hebergement; hotel ~3 reservation|loin|cher; billet*;
    1: lieu ~3 atelier|reunion|conference|choisi|choix;
    1: retour d experience; propos* ~3 ameliorer|amelioration;
    1: position ~3 reseau|politique|declaration|sponsor|partenaire; pas d accord; desaccord;
    1: mauvaise performance; ne fait pas son travail; rendu en retard; en retard ~3 rapport*;
    1: soutien ~3 psycholog*|demande|besoin; accompagnement; ressources;
    1:  secretariat;  assemblee;   formation; webinaire;
    1: merci; bonjour; svp; s il vous plait; cordialement; salutations;
        2: ce canal; code de conduite ~3 applique|concerne; compte rendu; comptes rendus;
        2: rapport* ~3 en retard;

    """,
    "minor_involved": """
    3: #age ans; #age ans et demi; age de #age; agee de #age; ages de #age; agees de #age;
    3: mineur*; moins de 18; moins de dix huit; pas encore majeur*; pas majeur*;
    3: enfant*; gamin*; gamine*; gosse*; mome; momes; marmot*; fillette*; petite fille;
    3: petit garcon;
    3: adolescent*; ado; ados; preado*; collegien*; collegienne*; lyceen*; lyceenne*; eleve; eleves;
    1: college; lycee;
    3: ecole primaire|secondaire; en #grade e|eme; cm1; cm2; ce1; ce2; sixieme;
    3: cinquieme; quatrieme; troisieme ~1 college|classe; seconde ~2 lycee|classe;
    3: #grade eme annee; secondaire #grade; sec #grade; niveau ~2 college|primaire|secondaire;
    3: fille|garcon|fils|niece|neveu|soeur|frere|gamin*|gosse ~3 #age;
    0: avoir ~2 enfants|enfant; mes|nos ~1 enfants|gosses; droits des enfants;
    0: protection de l enfance|des enfants;
    1: fille; filles; garcon; garcons; petite; petit; jeune fille; jeunes filles; ecole;
    0: comme un|une ~1 enfant|gamin|gamine; comme des enfants|gamins;
    3: #age et #age ans; ont #age et #age
    """,
    "immediate_danger": """
    3: arme*; fusil*; pistolet*; revolver; couteau*; machette*; coupe coupe; kalach*; flingue*;
    3: tuer ~2 moi|me|la|le|les|nous|vous|tout; me tuer; la tuer; le tuer; nous tuer; vous tuer;
    3: suicid*; me suicider; en finir; mettre fin ~3 jours|vie; envie de mourir; veux mourir;
    3: plus envie de vivre; me faire du mal; se faire du mal; scarifi*; me couper; pendre;
    3: en danger; danger ~3 maintenant|ce soir|immediat*;
    3: peur pour ma|sa|leur|nos ~2 vie|vies|securite;
    3: dans quelques heures; dans ~1 heure|heures; tout de suite;
    2: en ce moment; ce soir; cette nuit;
    1: maintenant;
    3: enferme|enfermee|enfermes|enfermees|enfermer|enfermait|enferment|enfermaient; sequestr*;
        cach* ~3 de ~1 lui|eux; attend* ~3 dehors|devant|bas; m attend;
    3: sait ou ~2 habite|dors|loge; va venir ~3 chercher|soir; brul* ~3 maison|bureau;
    3: faire la peau; etrangl*; poignard*; tirer sur; empoisonn*; acide;
    3: chauffeur|conducteur ~8 ivre|saoul|soul|bourre|bu|boit|buvait|defonce;
    3: conduire|conduit|volant|ramener|raccompagner ~5 ivre|saoul|bourre|bu ~6 soir|enfants|jeunes|
        participants|bus|voiture|maintenant;
    2: urgent*; urgence; au secours; aidez moi; aidez nous; a l aide; vite; sos;
    0: plus vite ~3 que|sur|si|dans|la|le|les|pour; immediatement;
    2: menac* ~4 mort|frapper|battre|bruler|tuer|violer; menaces de mort; pas en securite;
    2: me suit; m a suivi*; suivi* jusqu; rode*; devant ma porte;
    1: demain matin; aujourd hui; peur; effraye*; terrorise*; menac*; danger*;
    3: ivre|saoul|bourre|soul|defonce ~6 conduire|conduit|volant|prendre la route;
    3: cles ~3 main|voiture;
    1: envoyez quelqu un;
    2: venez vite; venez maintenant;
    2: n en peux plus; je vais en finir; regler son compte; jete* des pierres; quelqu un doit
    3: plus vivre; plus envie de vivre; comment faire pour ~2 mourir|en finir;
    3: pense a comment faire;
    3: ne repond plus; ne reagit plus; inconscient*; evanoui*; respire plus; saigne*; sang partout;
    3: ne s arrete pas ~3 frapper|taper; frappe ~3 maintenant; frappe ~3 en ce moment;
    3: au volant ~4 ivre|saoul|soul|bourre|defonce; ivre|saoul|soul|bourre ~5 volant|roule|roulons|
        traverser|pirogue|moto|route;
    3: sauter ~3 toit|pont|fenetre; plus l interet de ~2 continuer|vivre; plus la force de vivre;
    3: sait ou tu ~1 habites|dors; on sait ou; vient d emmener ~4 enfant|fille|garcon|petit|petite;
    3: essaie|essaye ~2 d entrer; force* la porte; defonce* la porte;
    2: sinon la prochaine fois; creve* ~2 pneus
    """,
    "retaliation": """
    3: represaill*; retorsion*; victimis* ~4 signal*|denonc*|plainte;
    3: si ~2 tu|vous|je|elle|il|on|quelqu ~4 parle*|dis|dit|denonce*|signale*|plains|porte|raconte*;
    3: si ~4 police|gendarmerie|conseil|comite|direction|bailleur; si ~3 reparle*;
        si ~3 parle encore;
    3: si|s ~1 ils|elles|nous|vous|tu|je|on ~2 plaign*|plains|plaint|denonc*|signal*|parl*;
    2: me taire; se taire; la fermer; garder le silence;
    3: retirer ~3 plainte|signalement;
    0: veux|voudrais|souhaite|souhaiterais|voulais|aimerais ~2 retirer ~3 plainte|signalement;
    2: depuis|apres|parce|avoir ~4 signale|denonce|plainte|parle|pose|rapporte|alerte|critique|
        questionne;
    3: puni* ~3 pour ~4 avoir|signale*|parle*|question*|denonce*;
    3: vire*|licenci*|renvoy*|ecarte*|exclu*|menace*|suspendu*|retrograd*|sanctionn* ~4 avoir|
        depuis|parce;
    2: traitre*; balance; balanceur; delateur; mouchard*; lanceur d alerte; fauteur de trouble;
    """,
    "report_act": """
    1: dit aux ~1 auditeurs|bailleurs|bailleur|administrateurs;
    1: temoign*; depos* ~2 plainte; refus* ~2 signer;
    1: demande* ~4 pieces|justificatifs|comptes|argent|ou;
    1: parle* ~3 conseil|bureau|police|comite|direction|bailleur;
    1: dit au|a ~2 coordinat*|directeur|comite|conseil|president*|responsable; raconte au|a;
    1: signale*; denonce*; porte plainte; plainte; alerte*; rapporte*;
    1: parle ~3 comite|bureau|direction|conseil|point|police|bailleur;
    1: pose ~2 question*; demande* ~3 recu*|comptes|justificati*;
    1: demande* ~5 releves|factures|budget|depenses|bilan|pieces|banque|bancaires;
    1: dit au|a ~2 bailleur|auditeur*|police|presse; parl* ~3 bailleur|auditeur*|presse;
    1: j ai dit que|au; ai dit a; parle* ~3 rh|ressources humaines|drh; temoin*;
    0: veux|voudrais|souhaite|souhaiterais|aimerais|viens|tiens ~2 signaler|denoncer|rapporter;
    0: ecris pour ~2 signaler|denoncer; je lui ai dit non;
    1: envoye*|transmis|montre*|donne* ~4 bailleur*|direction|conseil|police|ca|dg|president*|
        bureau|rh|auditeur*|comite|coordination|siege;
    1: ecrit|mail ~4 bailleur*|direction|conseil|dg|president*|bureau|rh|siege|comite;
    1: alerte* ~3 direction|conseil|bailleur|dg|bureau|siege|comite|rh; conteste*; critique*;
    1: demande* ~3 pourquoi|comment|explication*; pose ~2 question*;
    1: temoignage; temoigne*; porte plainte; plainte ~2 contre|aupres; depose* ~3 plainte|recours;
    1: parle* ~4 assemblee|reunion|ag|direction|dg|bureau|rh|conseil|bailleur;
    1: refuse* de ~3 signer|mentir|payer|valider|falsifier|antidater|cacher;
    1: dit ~3 assemblee|reunion|ag; signe* ~3 lettre|petition; lanceu* d alerte;
    """,
    "punishment": """
    1: hurle dessus; m a hurle;
    1: renouvele*; menteuse; menteur; traitre*; traitresse; incompetent*; retard*; placard*;
    1: appel* ~3 nuit; faire attention ~3 enfants|famille; attend* ~3 dehors|devant;
    1: vire*; licenci*; renvoy*; ecarte*; exclu*; suspendu*; menace*; retrograd*; mute*; puni*;
    1: sanctionn*; ignore*; isole*; mis a l ecart; plus invite*; retire* ~3 projet|mission|liste;
    1: coupe* ~3 salaire|heures|indemnit*; accuse*; insulte*; hurle*; vie impossible;
    1: change* ~2 horaires|poste; bloqu* ~2 conge*; instable; folle; fou;
    1: bloqu*; avertissement; m a retire*; m ont retire*; m a ecarte*;
    1: enleve* ~3 heures|nom|poste|projet|prime|mission; retire* ~3 nom|groupe|equipe|poste|
        pilotage|dossier|liste|responsabilit*; plus ~2 salaire|paye|heures|missions;
    1: mis a pied; mise a pied; mute*; mutee; transfere*; placard; au placard; convoque*;
    1: blame; faute lourde; faute grave; permanences ~3 nuit; gardes ~3 nuit; horaires de nuit;
    1: ne me ~2 parle|dit|salue ~2 plus; plus ~1 bonjour; rumeur*; calomni*;
    1: regretter; fais attention; faire attention; gare a toi; tu vas voir;
    1: colle ~3 permanences|nuits|taches|corvees; supprime* ~3 poste|prime|heures|indemnit*;
    """,
}
