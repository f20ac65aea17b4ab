"""Spanish lexicon: Spain, Mexico, Central America, the Caribbean, the Andes, the Southern Cone.

Weights: 3 names the behaviour outright, 2 describes the conduct plainly, 1 is a hint.
"""

CUERPO = (
    "pecho|pechos|senos|seno|tetas|muslo|muslos|nalga|nalgas|trasero|culo|cola|pompis|"
    "entrepierna|partes|intimas|cintura|piernas|pierna|cadera|caderas|brasier|sosten|falda|"
    "calzon*|bombacha*|gluteos|poto|chucha|cuca|pene"
)

SPECS: dict[str, str] = {
    "sexual_misconduct": f"""
    3: aprovech* ~4 borrach*|ebri*|dormida|dormido|inconsciente|estado|tomada;
    3: se metio ~2 cama; se acosto ~3 ella|lado|junto|conmigo; en su cama; en mi cama;
    3: la|lo|me ~1 llevo ~3 cuarto|habitacion|cama; beso* ~3 fuerza|permiso;
    2: se ~1 pego|pegaba|arrimo|restrego|refrego ~2 ella|mi|contra; bailar ~3 pegad*|fuerza;
    2: no recuerda ~2 nada|mucho; no se acuerda ~2 de nada;
    3: acoso sexual; hostigamiento sexual; acos* ~2 sexual*; abuso sexual; abus* ~2 sexual*;
    3: agresion* sexual*; violacion; violaciones; violada; violado; violo a; la violo; violador*;
    3: explotacion sexual; explot* ~2 sexual*; manose*; toquete*; tocamiento*; agarr* ~3 {CUERPO};
    3: toc* ~4 {CUERPO}; mano* ~3 {CUERPO}; nalgada*; arrimon*; punte*; se sobrepaso; se propaso;
    3: propaso;
    3: sexo a cambio; sexo por ~3 trabajo|notas|comida|dinero|ayuda|puesto|contrato|beca;
    3: acostar* con ~4 el|ella|puesto|trabajo|contrato|ayuda|beca; favores sexuales;
    3: fotos|videos|imagenes ~2 intimas|desnud*|hot|packs; nudes; pack*; sextorsion;
    3: pornografia infantil;
    3: sin ~2 consentimiento; sin mi consentimiento; beso* ~3 forzad*|fuerza; me beso ~3 sin|fuerza;
    3: mostr* ~3 pene|genitales|partes; se masturbo; masturb*; exhibicionis*; pedofil*; pederast*;
    2: sexual*; insinuaci*; propuestas; proposicion*; piropo*; acoso; acosa; acosar; acosaba;
    2: acosador*; acosando; acosada; acosado; acosan; hostig*; lo acoso; morbos*; morbo;
    2: me toco; la toco; las toco; nos toco; les toco; me tocaba; la tocaba; me agarro; me manoseo;
    2: comentarios ~3 cuerpo|fisico|ropa|sexual*|obscen*; chistes ~3 sexual*|verdes|colorados;
    2: su cuarto; su habitacion; mi habitacion; hotel ~4 noche|sola|solas;
    2: en su carro|auto|coche ~4 sola|noche;
    2: beso*; besar*; abraz* ~3 fuerte|largo|incomod*; masaje*; seduc*; coquete*; galante*;
    2: salir con el|ella; cita con ~2 el|ella; invit* ~3 salir|cenar|tomar|casa; mi novia;
    2: mir* ~3 pechos|escote|cuerpo|nalgas|piernas; morbosea*; pervertid*; degenerad*; verde;
    2: embaraz* ~4 coordinador|tallerista|facilitador|profesor|jefe|el;
    2: relacion ~3 participante|alumna;
    2: consentimiento; abus* ~3 nina*|nino*|menor*|chamaco*|alumn*|adolescent*; prostitu*; sexo;
    1: cuerpo; fisico; ropa; linda; bonita; guapa; mamacita; mami; preciosa; reina; noche;
        3: ya sabes lo que tienes que hacer; ser buena con el; sola con el; solas con el;
        3: en sus piernas;
    3: sobre sus piernas; quiso besar*; bes* ~3 forzad*|fuerza; intento besar*;
    2: mensaje* ~6 medianoche|noche|madrugada; lleva puesto; llevas puesto; si esta sola;
    2: sal* con el|ella;
    2: corazones ~3 whatsapp|mensaje*; anda con ~3 alumna|nina|chica|participante;
    2: relacion con ~3 alumna|participante;
    2: cuarto de las; favorcito;
    1: sola; favor; noche;

    3: pasar por su casa; su casa ~3 noche|tarde; fotos ~3 por debajo de la mesa|debajo de la falda;
    3: foto* ~2 privada*|intima*;
    2: sono conmigo; golpe* ~3 puerta ~4 cuarto|habitacion; dejarlo entrar; bailar conmigo;
    2: genital*; comprobar;
    """,
    "abusive_behaviour": """
    3: acoso laboral; acoso moral; acoso psicologico; mobbing; bullying; hostigamiento laboral;
    3: intimid*; humill*; amenaz*; maltrat*; violencia ~2 verbal|fisica|psicologica;
    3: abuso de poder|autoridad; abus* ~2 poder; golpe*; pego ~2 a|una|un; le pego; me pego;
    3: cachetad*; bofetad*; trompad*; patad*;  empuj*; zarande*; puñetazo*; punetazo*;
    3: insult*; ningune*; menospreci*; denigr*; grit* ~3 me|encima|todos;
    3: putea*; me trata* ~2 como ~2 basura|perro|idiota; me trata* mal; hacer la vida imposible;
    2: grit*; insulto*; groseri*; burl*; ridiculiz*; se rie de; se rio de; maldic*;
    1: perro; animal*; burro*; basura; miedo; asustad*; aterrad*; llor*; lagrimas; temblando;
    1: ansiedad; panico; estres*;
    2: pendej*; boludo*; pelotud*; gilipollas; imbecil*; estupid*; idiota*; inutil*;
    2: huevon*; weon*; guevon*; tarad*; bruto*; mediocre*; cabron*;
    2: violent*; violencia; agresiv*; agresion; furia; rabia; colera; enoj*; enfad*; tirano*;
        2: delante de ~3 todos|todo|equipo|participantes|companeros|grupo;
    2: aisl*; excluy* ~3 reunion*|grupo|whatsapp; me sacaron del grupo; castig*; sancion*;
    2: represalia*; despedir ~3 si; correr ~3 si; bajar ~3 sueldo|puesto;
    2: horas extra* ~3 pagar|pagadas|gratis; esclav*; explot* ~3 laboral*|trabajo;
    1: autoridad;
    2: abus*; abusivo*; falta de respeto; irrespet*; desprecio*; cruel*;
    1: presion*; agotad*; quemad*; licencia medica; baja medica; renunci*; jefe; jefa; patron*;
        3: ya vas a ver; te vas a arrepentir; o si no;
    3: trata* ~3 como ~2 perros|animales|esclavos|basura;

    3: patea*; pateo; patearon; contra la pared; acabar conmigo; bautizo; novatada*;
    2: en voz alta; de pie ~3 hasta; ya no me saluda; reuniones sin mi; imaginando cosas;
    2: lavar ~3 carro|auto|casa; mandados personales; aprender a callar*;
    """,
    "discrimination": """
    3: discrimin*; racis*; sexis*; machis*; homofob*; lesbofob*; transfob*; xenofob*; islamofob*;
    3: antisemit*; misogin*; clasis*; capacitis*; edadis*; aporofob*; gordofob*;
    3: por ser ~3 mujer|mujeres|gay|lesbiana|trans|negro|negra|morena|indigena|indio|india|
        musulman*|judio|judia|cristian*|evangelic*|discapacitad*|sordo|ciego|embarazada|viejo|vieja|
        mayor|extranjer*|migrante*|venezolan*|haitian*|boliviano*|peruano*|nicaraguense*|colombian*|
        gitan*|afro*|pobre|seropositiv*;
    3: por mi|su|sus|mis ~2 color|raza|religion|etnia|origen|acento|discapacidad|edad|orientacion|
        genero|nacionalidad|embarazo|piel|apellido|estatus|velo;
    3: estado serologico; seropositiv*; vih; sueldo menor ~6 hombres|mujeres|companero*;
    3: brecha salarial;
    2: gay; gays; lesbiana*; homosexual*; bisexual*; trans; transgenero*; lgbt*; queer; no binari*;
    2: negro; negra; negros; moreno*; prieto*; indio*; indigena*; cholo*; color de piel; raza;
    2: etnia*; etnic*; gitano*; afro*; musulman*; judio*; religion*; religios*; velo; hiyab;
    2: discapacid*; silla de ruedas; sordo*; ciego*; accesib*; rampa; lengua de senas;
    1: mujer; mujeres; genero; edad;
    2: femenin*; masculin*; solo hombres; solo para hombres; por mujer;
    2: embarazad*; embarazo; maternidad; lactancia; muy viejo|vieja|mayor|joven;
    2: extranjer*; migrante*; inmigrante*; refugiad*; nacionalidad; acento; sudaca*; moro; moros;
    2: estereotip*; prejuicio*; injust*; desigual*; igualdad; exclusion; excluid*; de lado;
    2: maric*; joto*; puto; putos; mariquita*; trolo*; tortillera*; cachapera*;
    2: sidos*; mono; monos; simio*; negro de mierda; india de mierda; naco*; pata rajada;
    1: los hombres; las mujeres; companeros hombres; como mujer; siendo mujer;
        3: vete a tu pais; vuelve a tu pais; sangre nueva;
        3: solo ~3 africanos|afros|negros|mujeres|musulmanes|extranjeros|indigenas;
    2: venezolan*; haitian*; colombian*; nicaraguense*; bolivian*; peruan*; dominican*; chin*;
    2: arab*; gitan*;
    2: candidatos hombres; menos que ~4 companeros|hombres|varones|colegas; varones; embaraz*;
    2: mi estado;
    1: a los #senior;

    2: wayuu; mapuche*; aymara*; quechua*; maya*; garifuna*; miskit*; guarani*; embera*; zapotec*;
    2: mixtec*; tzotzil*; comunidad indigena;
    """,
    "conflict_of_interest": """
    2: socio|socia|dueno|duena|propietari* ~3 taller|tienda|negocio|hotel|local|imprenta|
        ferreteria|restaurante|agencia|consultora|transporte|constructora|farmacia|libreria;
    3: conflicto* de interes*; conflicto* ~2 interes*; nepotis*; amiguis*; compadrazgo; clientelis*;
    3: enchuf*; pituto*; dedazo; a dedo; tarjetazo;
    2: palanca;
    1: cuna; rosca; tio; tia; relacion; interes*; emple*; contrat*;
    3: no ~3 declar*; nunca ~3 declar*; sin ~2 declar*; oculto ~3 relacion|vinculo|parentesco;
    3: su|sus ~2 propia ~2 empresa|negocio|ong|fundacion|consultora|tienda;
    3: su|sus ~2 esposa|esposo|marido|mujer|hermano|hermana|primo|prima|sobrino|sobrina|hijo|hija|
        novia|novio|pareja|cunado|cunada|suegro|suegra|tio|tia|yerno|nuera|compadre|comadre|ahijad*|
        familiar*|pariente*|amigo|amiga ~6 contrat*|emple*|empresa|negocio|proveedor|consultor*|
        beca|postulacion|solicitud|seleccion*|licitacion|dueno|duena|maneja|catering|hotel|
        transporte|proyecto|fondos;
    3: cunado; cunada; suegro; suegra; yerno; nuera; compadre; comadre; concuno*;
    3: accionista; socio ~3 proveedor|empresa; dueno ~3 empresa|hotel|negocio;
    3: duena ~3 empresa|hotel;
    2: esposa; esposo; marido; hermano; hermana; primo; prima; sobrino; sobrina;
    2: familiar*; pariente*; parentesco; novia; novio; pareja; amigo intimo; mejor amig*;
    2: contrato a; contrataron; contratada; contratado; seleccion*; nombro; nombrado; nombrada;
    2: nombramiento; jurado; comite de seleccion; entrevista*;
    2:  consultor*;  concurso; cotizacion*; adjudic*;
    2: vinculo*;  recus*; parcialidad;
    2: registro mercantil; camara de comercio; razon social; representante legal; propietari*;
    2: mismo apellido; misma familia; empresa familiar; su empresa; su negocio;
    1: personal; privad*; empresa; negocio; beca*; evaluacion*; postulacion*;
        2: sin convocatoria; no hubo convocatoria; ni entrevista; sin concurso; mismo apellido;
    1: proveedor*; consultor*; licitacion*;
    1: declar*; alquiler; votaron; voto;
    3: hija|hijo|esposa|esposo|sobrino|sobrina|hermano|hermana|primo|prima|novia|novio ~2 del|
        de la ~1 presidente|presidenta|director|directora|coordinador*|tesorer*|jefe|jefa;
    2: pertenece ~3 coordinador*|director*|presidente|tesorer*|jefe;
    2: es del|de la ~1 coordinador*|director*|presidente|tesorer*; accionista*; abstuv*;
    2: juez y parte;
    2: es tambien quien|el que; relacion con ~3 companera|colega|punto focal|subordinad*;
    2: inmobiliaria ~4 miembro*|socio*;
    """,
    "fraud_corruption": """
    3: fraud*; desfalc*; corrupc*; corrupt*; sobornos; soborno; sobornar; soborno*; cohecho;
    3: coima*; mordida*; moche*; diezmo*; tajada*; chanchullo*; transa*; tranza*; malversac*;
    3: peculado; robo; robar*; robo ~3 dinero|fondos|plata|caja; se robo; se clavo; se quedo con;
    3: falso|falsa|falsas|falsos|falsific*|trucho*|trucha*|infl*|adulter*|fabric*|amana* ~3 recibo*|
        factura*|boleta*|informe*|firma*|lista*|planilla*|comprobante*|cifra*|cotizacion*;
    3: facturas truchas; boletas falsas; doble factur*; sobrefactur*; sobreprecio*; sobrecost*;
    3: participantes fantasma*; beneficiarios fantasma*; fantasma*; ficticio*;
    3: trabajadores fantasma;
    3: se queda ~3 con ~3 parte|mitad|porcentaje|viaticos|dinero|plata|lana|sueldo;
    3: quedaba ~3 con; embols*; desvi* ~3 fondos|dinero|plata|recursos; lavado de dinero; blanqueo;
    3: dinero|plata|lana|pasta|fondos ~3 desaparec*|falta|faltan|perdid*; la caja ~3 vacia|falta;
    3: extorsion*; extorsion; extors*; cobra* ~3 por ~3 cupo|puesto|entrar|seleccion;
    2: recibo*; factura*; boleta*; comprobante*; viatico*; rendicion de cuentas;
    2: reembolso* ~3 falso*;
    2: dinero; plata; guita; fondos; caja;   rendicion de cuentas;
    1: lana; pasta; feria;
    2:  financ*;   lista* de asistencia; planilla*; asistencia;
    2: inflad*; ficticio*; falso*; falsa*; falsific*; trucho*; amanad*; irregular*;
    2: nunca ~3 hizo|realizo|ocurrio|existio|llego; taller fantasma; nunca se dio;
    2: estafa*; estafar; enga*; tramp*; deshonest*; desaparec*; falta plata|dinero;
    2: cuenta personal; su cuenta; transferencia ~3 su|personal;
    2: pagar ~3 para ~3 entrar|puesto|seleccion;
    1: gasto*; pagado; pago*; precio*; costo*; monto*; informe*; cifras; cuentas;
        3: para el refresco|fresco|chesco; la mordida; como gasolina; como combustible;
    2: camioneta|carro|vehiculo ~3 del proyecto ~8 boda|funeral|personal|vacaciones|familia;
    2: para su boda;
    2: tarjeta de gasolina; bitacora; por participante; uso personal;

    2: que no existe; que ni existe; cobraron ~3 por|para ~2 personas|participantes;
    1: firma*; contabilidad; presupuesto*; auditor*; financ*;
    3: paga* dos veces; cobra* dos veces; doble pago; comision ~4 cobra*|beca*|becados;
    2: arriba de ~3 precio*|web|mercado; por encima del precio; comision*
    """,
    "substance_misuse": """
    3: borrach*; ebri*; embriag*; bolo; en pedo; jalao; jincho;
    2: pedo; curado; curada; fumad*; coca;
    1: bola; tomad*; prendid*; chispa; volado; volada; cruda; mamad*; entonad*; hierba;
    3: pasado de copas; zumbad*; jumo; jumado;
    3: colocad*; pacheco*; drogad*; drogand*; empastillad*;
    3: olia ~3 alcohol|trago|cerveza|marihuana|mota|porro|guaro;
    3: olor ~3 alcohol|marihuana|mota|guaro;
    3: bajo ~2 efectos ~3 alcohol|droga*|sustancia*; bajo la influencia; resaca; guayabo;
    3: cocaina; perico; farlopa; merca; tusi; crack; heroina; extasis; tachas; mdma;
    3: vend*|pas*|reparti*|ofrec*|dio|daba|da|regal*|consigu* ~3 droga*|mota|marihuana|porro*|
        perico|coca|pastillas|tusi|cripy|creepy;
    3: alcohol*; alcoholis*; alcoholic*; consumo ~3 droga*|alcohol|sustancia*; adicc*; adict*;
    2: tom* ~3 trago*|cerveza*|chela*|guaro|ron|aguardiente|pisco|vino|whisky|birra*|pisto;
    2: trago*; cerveza*; chela*; birra*; guaro; ron; aguardiente; pisco; vino; whisky; tequila;
    2: mezcal; chicha; pulque; caguama*; pisto; chupar; chupe*; chupando; beber; bebi*; copas;
    2: mota; marihuana; porro*; canuto*; faso*; cannabis; cripy; creepy;
    2: droga*; pastillas; sustancia*; tambale*; arrastraba ~2 palabras; vomit*; se desmayo;
    2: manej*|conduc*|volante ~5 borrach*|tomad*|ebri*|pedo|bolo|alcohol;
    2: fiesta ~4 alcohol|trago*|cerveza*|chupe|droga*; bar; cantina; boliche; discoteca; antro;
    1: fiesta; rumba; parranda; peda; juerga; botella*; olor; fum*; cigarr*; pucho*;
        3: estaba|esta|andaba ~1 volado|volada|colocado|colocada|pacheco|drogado|pedo|tomado;

    """,
    "other": """
    2: pagina web; sitio web; enlace; link; contrasena; iniciar sesion; la pagina ~3 no|error;
    2: reembolso* ~4 retras*|atras*|todavia|aun|espera|demora|pendiente; visa; carta de invitacion;
    2: cuota ~3 membresia|anual|socio*; membresia; comida del evento; catering; boletin;
    2: como ~2 hago|puedo|denuncio|reporto; es posible; se puede ~3 anonim*|cambiar;
    2: seguimiento ~3 denuncia|caso|reporte; mi denuncia anterior; numero de caso; alguna novedad;
    2: gracias por; sugerencia*; certificado*; constancia*;
    1: formulario ~3 no|funciona|error|carga; adjunt*; subir ~3 archivo*; aplicacion; correo;
    1: pregunta*; duda*; consulta*; informacion; aclar*; confidencialidad ~3 como|si;
    1: reunion* ~3 ingles|frances|espanol|portugues|traduccion|interpret*|idioma|horario;
    1: traduccion; traductor*; interpret*; agenda; calendario; plazo*; fecha limite;
    1: comida; almuerzo; menu; alojamiento; hospedaje; hotel ~3 reserva|lejos|caro; vuelo*; pasaje*;
    1: sede ~3 evento|encuentro|reunion|taller; lugar ~3 evento|encuentro|reunion;
    1: opinion; retroalimentacion; propuesta ~3 mejorar|mejora; mejorar;
    1: posicion ~3 red|politica|declaracion|patrocinador; no estoy de acuerdo; desacuerdo;
    1: bajo rendimiento; no hace su trabajo; entrega tarde; atras* ~3 informe*;
    1: apoyo ~3 psicologico|solicitar|necesito; acompanamiento; recursos;
    1:  secretaria;  asamblea;   capacitacion; webinar;
    1: gracias; hola; por favor; saludos; atentamente;
        2: este canal; codigo de conducta ~3 aplica|cubre; acta; actas; informes tarde;
        2: entrega tarde;

    """,
    "minor_involved": """
    3: #age anos; #age anitos; #age anos de edad; de #age anos;
    3: menor; menores; menor de edad; menores de edad; menos de 18; no ha cumplido 18;
    3: nino; ninos; nina; ninas; nene*; nena*; infan*; chiquill*; chamaco; chamacos; chamaca;
    3: chamacas; escuincle|escuincles;
    3: un|el|al|del|ese|este|unos|los|esos|estos|una|la|esa|esta ~1 crio|crios|cria|crias;
    3: crios; cipot*; patoj*; gurises; guri; pibit*; morrit*; chamit*; pelaitos;
    3: adolescent*; puber*; colegial*; escolar*; alumn* ~2 secundaria|primaria|colegio|liceo;
    3: secundaria; primaria;
    2: preparatoria; prepa; bachillerato;
    1: liceo; colegio; escuela;
    3: #grade grado; #grade de secundaria|primaria|basico|basica|medio|media|bachillerato|eso;
    3: #grade o|a|ro|do|to|vo|no ~3 grado|ano|secundaria|primaria|basico|medio|eso;
    3: chic*|muchach*|sobrin*|hij*|nin*|nene*|chav*|pib* ~3 #age; proteccion infantil;
    1: chaval*; chavalit*; chica; chicas; chico; chicos; muchacha*; muchachito*; pibe*; morro*;
    1: chavo*; jovencit*;
    0: como un|una ~1 nino|nina|nene|chamaco|crio; como ninos;
    3: #age y #age anos; tienen #age y #age
    """,
    "immediate_danger": """
    3: quiere morir; quiere morirse; se quiere matar;
    3: arma|armas|armado|armada|armados|armadas; pistola*; revolver*; fierro; cuchillo*; navaja*;
        machete*; escopeta*; rifle*; filero;
    3: matar ~2 me|la|lo|los|las|nos|te; matarme; matarla; matarlo; matarnos; matarte;
    3: suicid*; quitarme la vida; quitarse la vida; quitar la vida; no quiero vivir; quiero morir;
    3: acabar con todo;
    3: hacerme dano; cortarme; cortarse; autolesi*; colgarme; ahorcarme; sobredosis;
    3: en peligro; peligro ~3 ahora|noche|inminente; miedo por ~2 mi|su ~2 vida|seguridad;
    3: en unas horas; en ~1 hora|horas; esta misma noche;
    2: ahora mismo; en este momento; esta noche; hoy en la noche; hoy por la noche; ahorita;
    3:  encerro; estoy|estamos|esta|estan ~1 escondid*; me escondi; nos escondimos;
        me esta esperando; espera* ~3 afuera|fuera|puerta;
    3: sabe donde ~2 vivo|vive|duermo; viene ~3 buscarme|noche; quemar ~3 casa|oficina;
    3: estrangul*; ahorc*; acuchill*; apunal*; disparar*; balear*; envenen*; acido;
    3: chofer|conductor|motorista ~8 borrach*|tomad*|ebri*|pedo|bolo|chupando|tomando;
    3: manej*|conduc*|volante|llevar ~5 borrach*|tomad*|ebri*|pedo|bolo ~6 noche|ninos|chicos|
        participantes|bus|camioneta|carro|ahora;
    2: urgente*; emergencia; auxilio; socorro; ayudenme; ayuda por favor; inmediat*; ya mismo;
    2: amenaz* ~4 muerte|matar|golpear|pegar|quemar|violar; amenazas de muerte; no estoy a salvo;
    2: me sigue; me siguio; me persigue; acech*; frente a mi casa;
    1: manana temprano; hoy; miedo; asustad*; aterrad*; amenaz*; peligro*;
    3: borrach*|tomad*|ebri*|pedo|bolo ~6 manej*|conduc*|volante|llaves;
    1: manden a alguien;
    3: vengan ya;
    2: ya no aguanto; no aguanto mas; hoy se acaba; acabar conmigo; piedras ~3 ventana;
    2: alguien tiene que;
    2: encerrad*
    3: chofer|conductor|motorista ~14 borrach*|tomad*|tomando|ebri*|pedo|bolo|chupando;
    3: ya no quiere vivir; no quiere vivir;
    3: no responde; no reacciona; inconsciente; desmayad*; no respira; sangrando; esta sangrando;
    3: no para de ~2 pegar|golpear|pegarle|golpearla|golpearlo;
    3: al volante ~4 borrach*|tomad*|pedo|bolo|ebri*; borrach*|tomad*|ebri*|pedo|bolo ~5 manejando|
        conduciendo|carretera|ruta;
    3: saltar|tirarse ~3 techo|puente|ventana|azotea; no despertar*; dormir y no despertar*;
    3: sabemos donde vives; sabe donde vives; acaba de llevar* ~4 nino|nina|chico|chica|menor|nene|
        nena|hijo|hija; intenta* ~1 entrar; forzar la puerta;
    3: rajar; encerrad* ~3 sala|oficina|cuarto|bano|salon; cortacarton; cutter; cuter;
    1: ahora;
    2: la proxima vez ~3 te|va; poncha* ~2 llantas
    """,
    "retaliation": """
    3: represalia*; venganza ~3 denuncia*|queja*; victimiz* ~4 denunci*|queja*;
    3: si ~2 dices|decis|cuentas|contas|hablas|hablo|habla|hablar|decir|contar|denunciar|denuncias|
        denuncio|quejas|quejan|digo|cuento|abres;
    3: si ~4 policia|junta|comite|direccion|donante;
    3: el|la|los|las|quien|quienes ~1 que ~2 queje|quejen|hable|hablen|denuncie|denuncien|reclame|
        reclamen ~4 fuera|afuera|calle|despid*|echa*|sale|sal*|va|van;
    3: el|la|los|las|quien|quienes ~1 que ~2 abra|abran la boca ~4 fuera|afuera|calle|despid*|echa*|
        sale|sal*|va|van;
    3: quien|quienes ~2 queje|quejen|hable|hablen|denuncie|denuncien|abra|abran ~5 fuera|afuera|
        calle|
        despid*|echa*|va|van;
    2: callarme; callarte; callate; que me calle; quedarme callad*;
    3: retirar ~3 denuncia|queja|reporte;
    0: quiero|quisiera|deseo|queria|quería|quisiéramos|queremos ~2 retirar ~3 denuncia|queja|
        reporte;
    2: desde|despues|porque|haber|tras ~4 denuncie|denuncia*|reporte|reclame|queje|hable|pregunte|
        cuestione|avise;
    3: castig* ~3 por ~4 denunci*|hablar|preguntar|quejarme|reclamar;
    3: despid*|echaron|corrieron|sacaron|excluy*|amenaz*|suspend*|bajaron ~4 haber|desde|despues|
        denunciar|quejarme|reclamar|preguntar;
    2: traidor*; sapo; soplon*; chivato*; buchon*; lengua larga; problematic*; conflictiv*;
    """,
    "report_act": """
    1: avise; avise al|a la; pregunte por; pregunte ~4 adonde;
    1: testimonio; testig*; declare ~2 contra; me negue ~2 firmar;
    1: pregunt* ~4 plata|dinero|cuentas|cuotas|comprobantes|donde;
    1: pedi ~3 comprobantes|recibos|cuentas; hable con; denunci*;
    1: le conte|conte ~2 al|a la; le dije al|a la ~2 coordinador*|director*|junta|comite|presidente;
    1: denuncie; denuncia*; reporte; reclame; me queje; queja*;
    1: hable con ~3 junta|comite|direccion|punto|policia|donante;
    1: pregunte ~3 plata|dinero|recibo*|cuentas|fondos; pedi ~3 recibos|cuentas|rendicion;
    1: por ~2 contar|contando|hablar|hablando|denunciar|denunciando|decir|andar;
    1: pedi ~3 extractos|estados|documentos|informes|facturas; testigo*; dije que;
    1: pedi|pregunte|solicite ~5 extractos|cuentas|facturas|presupuesto|gastos|balance|banco;
    0: quiero|quisiera|deseo|queria|vengo|queremos|venimos ~2 denunciar|reportar|informar|quejarme;
    0: escribo para ~2 denunciar|reportar|informar; le dije que no;
    1: dije|hable|pregunte|reclame|denuncie|plantee ~4 asamblea|reunion|junta|
        comite|direccion|comision|donante|financiador*|auditor*|policia;
    1: firme ~3 carta|denuncia|queja|peticion|reclamo; puse ~2 queja|denuncia|reclamo|demanda;
    1: mostre|envie|mande|entregue|lleve ~4 junta|direccion|director*|donante*|financiador*|
        comision|comite|auditor*|policia|presidente|tesorer*|coordinador*;
    1: avise ~3 director*|junta|direccion|coordinador*|presidente|donante*; informe ~1 a|al;
    1: pregunte ~3 porque|donde|como|cuanto|que; cuestione; me queje; me negue a;
    1: testifique; declare; mi testimonio; mi declaracion; reclamo formal; queja formal;
    """,
    "punishment": """
    1: me quito; le quito; amenazan con ~2 despedir*; me sacaron de todo;
    1: renuev*; mentiros*; traidor*; incompetente*; atrasaron; congelaron; sacaron;
    1: llaman ~3 noche; cuide* ~3 hijos|familia; esper* ~3 afuera|fuera;
    1: despid*; echaron; corrieron; sacaron; excluy*; suspend*; amenaz*; bajaron; castig*;
    1: sancion*; ignor*; aisl*; ya no me invitan; quitaron ~3 proyecto|horas|sueldo|cargo;
    1: acus*; insult*; grit*; vida imposible; mal ambiente;
    1: me cambiaron ~2 turno*|horario*|puesto; bloquearon; inestable; loca; loco;
    1: me quitaron; me sacaron; bloque*; amonestacion; llamada de atencion;
    1: me trasladaron; trasladad*; me mandaron a; me movieron; me quitaron ~3 beca|horas|turno|
        proyecto|cargo|salario|sueldo|sueldos|grupo|talleres; no me renovaron; no me pagan;
    1: no me dirige ~2 palabra; no me habla*; ya no me ~2 habla*|saluda*|llama*|invita*|incluy*;
    1: me cuide; cuidate; te vas a arrepentir; arrepentir; todo se sabe; ya veras;
    1: me suspendi*; suspendid*; me sacaron de ~3 proyectos|grupo|equipo|comision|lista;
    1: dejaron de ~3 pagar|llamar|invitar|convocar; me bajaron ~3 sueldo|horas|categoria;
    1: turnos ~2 noche; rumor*; chisme*; calumni*; me acusa* ~3 robar|mentir;
    """,
}
