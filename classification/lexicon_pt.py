"""Portuguese lexicon: Brazil, Portugal, Angola, Mozambique, Cape Verde, Guinea-Bissau.

Weights: 3 names the behaviour outright, 2 describes the conduct plainly, 1 is a hint.
"""

CORPO = (
    "peito|peitos|seio|seios|mama|mamas|coxa|coxas|bunda|bumbum|nadega|nadegas|rabo|traseiro|"
    "partes|intimas|cintura|perna|pernas|quadril|sutia|calcinha|saia|virilha|penis|vagina"
)

SPECS: dict[str, str] = {
    "sexual_misconduct": f"""
    3: aproveit* ~4 bebad*|embriagad*|dormindo|inconsciente|estado; se encostou ~2 nela|mim;
    3: se esfregou; encox*; deitou ~3 cama|lado|ela|comigo; na cama dela; na minha cama;
    3: levou ~3 quarto|cama; beijou ~3 forca|sem; agarr* ~2 mulheres|meninas|ela|me;
    2: dancar ~3 colad*|forca; nao lembra ~2 nada; nao se lembra ~2 nada;
    3: assedio sexual; assedi* ~2 sexual*; abuso sexual; abus* ~2 sexual*; violencia sexual;
    3: exploracao sexual; explor* ~2 sexual*; estupr*; violacao sexual; violou; violada;
    3: importuna* sexual; passou|passar|passa|passava ~2 a mao; apalp*; bolin*; encox*;
    3: toc* ~4 {CORPO}; agarr* ~3 {CORPO}; mao ~3 {CORPO}; maos ~3 {CORPO}; pegou ~3 {CORPO};
    3: sexo em troca; sexo por ~3 emprego|notas|comida|dinheiro|ajuda|vaga|contrato|bolsa;
    3: dormir com ~4 ele|ela|vaga|emprego|contrato|ajuda|bolsa|lugar; favores sexuais;
    3: fotos|videos|imagens ~2 intimas|intimos|nua|nuas|pelad*|nudes; nudes; nude; sextorsao;
    3: sem ~2 consentimento; sem o meu consentimento; beijo* ~3 forca|forcad*;
    3: me beijou ~3 sem|forca;
    3: mostrou ~3 penis|partes|orgaos; se masturbou; masturb*; exibicionis*; pedofil*;
    2: sexual*; insinua*; cantada*; proposta* indecente*;
    2: assedi*; assediador*; assediou; importun*; tarad*; safad*; nojent* ~3 comentario*|olhar*;
    2: me tocou; tocou ~2 me|mim|nela|nelas; me agarrou; me apalpou; tocando ~2 nas|na|as;
    2: comentario* ~3 corpo|fisico|roupa|sexual*|obscen*; piada* ~3 sexual*|obscen*|gosto;
    2: quarto dele|dela; meu quarto; hotel ~4 noite|sozinha; no carro ~4 sozinha|noite;
    2: beij*; abrac* ~3 forte|demorado|desconfort*; massagem; seduz*; seduc*; paquer*; flert*;
    2: sair com ~2 ele|ela; encontro com ~2 ele|ela; convid* ~3 sair|jantar|beber|casa;
    2: olh* ~3 peito*|seios|decote|corpo|bunda|pernas; pervertid*; nojento;
    2: gravid* ~4 coordenador|facilitador|professor|chefe|dele; relacao ~3 participante|aluna;
    2: consentimento; abus* ~3 menina*|menino*|crianca*|menor*|aluna*|aluno*|adolescent*; prostitu*;
    1: corpo; fisico; roupa; linda; gostosa; bonita; gata; princesa; querida; noite; sexo;
        3: sabes o que tens de fazer; sabe o que tem que fazer; ser boazinha; boazinha com ele;
        3: sozinha com ele;
    3: sozinhas com ele; no colo; tentou beijar*; beij* ~3 forca;
    2: mensage* ~6 madrugada|noite|meia noite; esta vestindo; esta vestida; se esta sozinha;
    2: sair com ele|ela;
    2: coracoes ~3 whatsapp|mensage*; namorando ~3 aluna|menina|participante; quarto das;
    1: sozinha; favor; noite;

    3: passasse la em casa; passar la em casa; na casa dele ~3 noite;
    3: fotos ~3 debaixo da mesa|da saia; foto* ~2 privada*|intima*;
    2: sonhou comigo; de vestido; bat* ~3 porta ~4 quarto; deixar entrar; dancar comigo; genit*;
    2: nao consegue se concentrar;
    """,
    "abusive_behaviour": """
    3: assedio moral; assedi* ~3 moral|trabalho|psicolog*; bullying; mobbing; perseguic*;
    3: intimid*; humilh*; ameac*; maltrat*; violencia ~2 verbal|fisica|psicologica;
    3: abuso de poder|autoridade; abus* ~2 poder; bateu; bater ~2 em; espancou; espanc*; agred*;
    3: bofetada*; chapada*; soco; socos; murro*;
    2: tapa; tapas; chute*; pontape*; empurr*; porrada;
    3: insult*; xing*; ofend*; ofensa*; desprez*; menospre*; esculach*; grit* ~3 comigo|com;
    3: me trata* ~3 mal|lixo|cachorro|idiota; tornar a vida impossivel; infern* ~3 vida;
    2: grit*; berr*; insulto*; grosseri*; zomb*; goz* ~2 de; ridiculariz*; palavrao*;
    2: idiota*; estupid*; imbecil*; incompetente*; inutil*; vagabund*; otari*; palhac*;
    2: violent*; violencia; agressiv*; agressao; raiva; furia; colera; irritad*; tirano*;
    1: medo; assustad*; aterrorizad*; chor*; lagrimas; tremendo; ansiedade; panico; estresse;
    1: stress;
    2: na frente de ~3 todos|toda|equipe|equipa|participantes|colegas|grupo; em publico;
    2: isol*; exclu* ~3 reuni*|grupo|whatsapp; me tiraram do grupo; castig*; puni*;
    2: retaliac*; represalia*; demitir ~3 se; mandar embora ~3 se; rebaix*;
    2: horas extra* ~3 pagar|pagas|gratis; escrav*; explor* ~3 trabalho|laboral;
    2: abus*; abusivo*; falta de respeito; desrespeit*; cruel*; autoritari*;
    1: pressao; esgotad*; burnout; atestado; licenca medica; baixa medica; demiss*; chefe; patrao;
        3: vai ver o que ~2 acontece; vais ver o que; vai se arrepender; ou entao;
    3: trata* ~3 como ~2 cachorro*|animais|escravos|lixo;

    3: contra a parede; acabar comigo; trote; trotes;
    2: em voz alta; deixou de me cumprimentar; reunioes sem mim; imaginar coisas; ir ao medico;
    2: lavar ~3 carro|casa; recados pessoais; ficar calad*;
    """,
    "discrimination": """
    3: discrimin*; racis*; sexis*; machis*; homofob*; lesbofob*; transfob*; xenofob*; islamofob*;
    3: antissemit*; misogin*; capacitis*; etaris*; idadis*; gordofob*; tribalis*;
    3: por ser ~3 mulher|mulheres|gay|lesbica|trans|negro|negra|preto|preta|indigena|muculman*|
        judeu|judia|crista|cristao|evangelic*|deficiente|surdo|cego|gravida|velho|velha|estrangeir*|
        imigrante*|angolan*|mocambican*|africano*|nordestin*|favelad*|pobre|soropositiv*|
        seropositiv*|albin*;
    3: por causa ~2 da|do|de ~2 minha|meu|sua|seu|cor|raca|religiao|etnia|origem|sotaque|
        deficiencia|idade|orientacao|genero|nacionalidade|gravidez|pele|cabelo|sexualidade;
    3: sorologia; soropositiv*; seropositiv*; hiv; vih; salario menor ~6 homens|mulheres|colega*;
    3: injuria racial; ofensa racial; macaco*; macaca*; cabelo ruim|duro;
    2: gay; gays; lesbica*; homossexua*; bissexua*; trans; transgener*; travesti*; lgbt*; queer;
    2: negro; negra; negros; preto; preta; pretos; cor da pele; raca; etnia*; etnic*;
    2: indigena*; quilombol*; cigan*; muculman*; judeu*; religiao; religios*; veu; terreiro;
    2: candomble;
    2: deficien*; cadeira de rodas; cadeirante*; surdo*; cego*; acessib*; rampa; libras;
    1: mulher; mulheres; genero; feminin*; masculin*; idade;
    2: so homens; somente homens; apenas homens; por ser mulher;
    2: gravida*; gravidez; maternidade; amamenta*; muito velho|velha|nova|novo;
    2: estrangeir*; imigrante*; migrante*; refugiad*; nacionalidade; sotaque; nordestin*;
    2: estereotip*; preconceit*; injust*; desigual*; igualdade; exclusao; excluid*; de lado;
    2: viad*; bicha*; boiola*; sapatao; sapatona; maricas; paneleiro*; traveco*; fufa*;
    2: tribo*; tribal; etnia ~3 diferente|dele|minha;
    1: os homens; as mulheres; colegas homens; como mulher; sendo mulher;
        3: volta para a tua terra; volta para o teu pais; sangue novo;
        3: so ~3 africanos|negros|pretos|mulheres|muculmanos|estrangeiros;
    2: angolan*; mocambican*; haitian*; venezuelan*; bolivian*; chines*; japa; arabe*; cigan*;
    2: paraiba; baiano*;
    2: candidatos homens; menos que ~4 colegas|homens; engravid*; meu estado; nome morto;
    1: aos #senior; com #senior anos;

    2: peso morto; quilombola*; guarani*; xavante*; yanomami*; pataxo*; macua*; makonde*; umbundu*;
    2: ovimbundu*; bakongo*;
    """,
    "conflict_of_interest": """
    2: socio|socia|dono|dona|proprietari* ~3 oficina|loja|negocio|hotel|grafica|restaurante|
        agencia|consultora|transportadora|construtora|farmacia|papelaria|empresa;
    3: conflito* de interes*; conflito* ~2 interes*; nepotis*; compadrio; clientelis*; apadrinh*;
    2: cunha;
    3: panelinha; quem indica; pistolao; favorecimento; favoritis*;
    3: nao ~3 declar*; nunca ~3 declar*; sem ~2 declar*; escond* ~3 relacao|vinculo|parentesco;
    3: sua|seu|suas|seus ~2 propria|proprio ~2 empresa|negocio|ong|consultoria|loja;
    3: sua|seu|suas|seus ~2 esposa|esposo|marido|mulher|irmao|irma|primo|prima|sobrinho|sobrinha|
        filho|filha|namorada|namorado|companheira|companheiro|cunhado|cunhada|sogro|sogra|tio|tia|
        genro|nora|compadre|comadre|afilhad*|parente*|familiar*|amigo|amiga ~6 contrat*|empreg*|
        empresa|negocio|fornecedor*|consultor*|bolsa|candidatura|selecion*|licitacao|concurso|dono|
        dona|gere|catering|hotel|transporte|projeto|fundos;
    3: cunhado; cunhada; sogro; sogra; genro; nora; compadre; comadre; afilhad*;
    3: socio ~3 fornecedor|empresa; dono ~3 empresa|hotel|negocio|loja; dona ~3 empresa|hotel;
    3: acionista;
    2: esposa; esposo; marido; irmao; irma; primo; prima; sobrinh*; parente*; parentesco;
    2: namorada; namorado; companheira; companheiro; melhor amig*; amigo intimo;
    1: tio; tia; contrat*; empreg*; relacao; interess*;
    2: contratou; contratado; contratada; selecion*; nomeou; nomead*; juri; comite de selecao;
    2:  consultor*;  concurso; orcamento* ~2 fornecedor*; adjudic*;
    2: vinculo*;  impediment*; imparcial*;
    2: registro comercial; registo comercial; cnpj; quadro societario; razao social; proprietari*;
    2: mesmo sobrenome; mesmo apelido; mesma familia; empresa familiar; empresa dele|dela;
    1: pessoal; privad*; empresa; negocio; bolsa*; avaliac*; candidatura*;
        2: sem edital; nem entrevista; sem processo seletivo; mesmo apelido;
    1: fornecedor*; consultor*; licitac*;
    1: declar*; aluguel; renda; votaram; voto;
    3: filha|filho|esposa|esposo|sobrinho|sobrinha|irmao|irma|primo|prima|namorada|namorado ~2 do|
        da ~1 presidente|presidenta|diretor|diretora|coordenador*|tesoureir*|chefe;
    2: pertence ~3 coordenador*|diretor*|presidente|tesoureir*|chefe;
    2: e do|da ~1 coordenador*|diretor*|presidente|tesoureir*; absteve; abstiveram; juiz e parte;
    2: campanha do ~1 marido|irmao|filho|primo; relacao com ~3 colega|ponto focal|subordinad*
    """,
    "fraud_corruption": """
    3: fraud*; desvi* ~3 verba*|dinheiro|fundos|recursos; desvio; corrupc*; corrupt*; suborn*;
    3: propina*; luvas; gasosa; saco azul; caixa dois; caixa 2; rachadinha; mensalao;
    3: superfatur*; sobrefatur*; nota fria; notas frias; notas fiscais falsas; dupla fatura*;
    3: falso|falsa|falsas|falsos|falsific*|forj*|inflac*|inflad*|fabric*|adulter* ~3 recibo*|
        fatura*|nota*|relatorio*|assinatura*|lista*|comprovante*|numero*|orcamento*;
    3: participantes fantasma*; beneficiarios fantasma*; funcionarios fantasma*; fantasma*;
    3: laranja*;
    3: ficticio*; maracutaia*; falcatrua*; roubalheira; mamata; esquema ~3 dinheiro|verba|propina;
    3: roubo*; roub*; furt*; embols*; meteu no bolso; peculato;
    3: apropri* ~3 indevid*|dinheiro|fundos;
    3: fica* ~3 com ~3 parte|metade|percentagem|porcentagem|diarias|dinheiro|salario|subsidio*;
    3: dinheiro|verba|fundos ~3 sumiu|sumiram|desaparec*|falta|faltam; caixa ~3 vazia|falta;
    3: lavagem de dinheiro; branqueamento; extors*; cobr* ~3 para ~3 entrar|vaga|selecao;
    2: recibo*; fatura*; factura*; nota fiscal; notas fiscais; comprovante*; diaria*;
    2: ajudas de custo;
    2: dinheiro; grana; guita; kumbu; verba*; fundos; caixa;
    2:  financ*;  assinatura*; lista* de presenca;
    2: inflad*; ficticio*; falso*; falsa*; falsific*; forjad*; irregular*; sumiu; sumiram;
    2: nunca ~3 aconteceu|realizou|existiu|chegou|entregue; oficina fantasma;
    2: golpe*; trapac*; engan*; desonest*; desaparec*;
    2: conta pessoal; conta dele|dela; transferencia ~3 pessoal|dele|dela; m pesa; mpesa; e mola;
    1: gasto*; pago; pagou; pagamento*; preco*; custo*; valor*; relatorio*; numeros;
        3: para o refresco|cafe|cafezinho; como combustivel; lancar como;
    2: carrinha|carro|viatura ~3 do projeto ~8 casamento|funeral|pessoal|ferias|familia;
    2: cartao de combustivel;
    2: livro de bordo; por participante; uso pessoal;

    2: nem existe; que nao existe; cobrad* ~3 para|por ~2 pessoas|participantes;
    1: contabilidade; orcamento*; auditor*; financ*;
    3: pago duas vezes; recebe duas vezes; cobr* duas vezes; comissao ~4 cobr*|bolsa*|bolsistas;
    2: acima do ~2 preco|mercado; comiss*
    """,
    "substance_misuse": """
    3: bebad*; bebed*; embriag*; chapad*; de porre; porre; encher a cara; enchendo a cara; mamado;
    3: alcoolizad*; alterad* ~3 bebida|alcool; grogue ~2 demais|bebado; tocad* ~2 bebida;
    3: cheir* ~3 alcool|bebida|cachaca|maconha|erva|liamba|cerveja; bafo ~2 alcool|cachaca|cerveja;
    3: sob ~2 efeito ~3 alcool|droga*|bebida|substancia*; ressaca*;
    3: cocaina; crack; heroina; ecstasy; extase; mdma; lsd; lanca perfume; lolo;
    2: pedra;
    1: cana; massa; bolso; presenca*; cabrito; grosso; burr*; pele; banca; retorno;
    3: vend*|passa*|distribu*|ofere*|deu|dava|dar|arranj* ~3 droga*|maconha|erva|baseado*|cocaina|
        po|liamba|cangonha|suruma|soruma|comprimido*;
    3: alcool*; alcoolis*; alcoolatra*; consumo ~3 droga*|alcool|substancia*; vici*;
    3: dependencia quimica;
    2: beb* ~3 cerveja*|cachaca|pinga|cachaça|grogue|vinho|whisky|uisque|caipirinha|kaporroto|
        kissangua|tontonto;
    2: cerveja*; cachaca; pinga; birita; breja; vinho; whisky; uisque; vodka; caipirinha; grogue;
    2: kaporroto; caporroto; kimbombo; tontonto; nipa; cabanga; aguardente; bebida*; garrafa*;
    2: maconha; erva; baseado*; beck*; liamba; cangonha; suruma; soruma; diamba; cannabis; ganza;
    2: droga*; drogad*; noiad*; comprimido*; substancia*; cambale*; enrolad* ~2 lingua; vomit*;
    2: dirig*|conduz*|volante|conduc* ~5 bebad*|bebed*|embriag*|alcool|bebida|chapad*;
    2: festa ~4 alcool|bebida*|cerveja*|droga*; bar; boteco; barraca; discoteca; balada;
    1: festa; farra; cheiro; fum*; cigarro*; copo*; copos;
        3: estava|esta|tava ~1 chapado|chapada|doidao|louco|bebado|bebada;

    """,
    "other": """
    1: site;
    2: pagina ~3 erro|abre|fora; link; senha; login; aplicativo ~3 erro|nao;
    2: reembolso* ~4 atras*|demora*|ainda|espera|pendente; pedido de visto; visto de entrada;
    2: carta ~1 convite;
    2: quota ~3 anual|associad*|membro*; anuidade; mensalidade; catering; boletim; newsletter;
    2: como ~2 faco|posso|denuncio|reporto; e possivel; da para ~3 anonim*|mudar;
    2: acompanhamento ~3 denuncia|caso; minha denuncia anterior; numero ~1 caso|protocolo;
    2: alguma novidade;
    2: obrigad* pela|pelo; sugest*; certificado*; declaracao de participacao;
    1: formulario ~3 nao|funciona|erro|carrega; anex*; aplicativo; app; email;
    1: pergunta*; duvida*; informac*; esclarec*; confidencialidade ~3 como|se;
    1: reuni* ~3 ingles|frances|espanhol|portugues|traducao|interpret*|idioma|lingua|horario;
    1: traducao; tradutor*; interpret*; agenda; calendario; prazo*;
    1: comida; almoco; lanche; cardapio; ementa; hospedagem; alojamento; voo*; passage*;
    1: local ~3 evento|encontro|reuniao|oficina; sede ~3 evento;
    1: opiniao; feedback; proposta ~3 melhorar|melhoria; melhorar;
    1: posicao ~3 rede|politica|declaracao|patrocinador; nao concordo; discordo; discordancia;
    1: baixo desempenho; nao faz o trabalho; entrega atrasada; atras* ~3 relatorio*;
    1: apoio ~3 psicologico|preciso|pedido; acompanhamento psicologico; recursos;
    1:  secretariado;  assembleia;   formacao;  webinar;
    1: obrigado; obrigada; ola; por favor; saudacoes; atenciosamente;
        2: este canal; codigo de conduta ~3 aplica|vale; ata; atas; relatorios atrasados;

    """,
    "minor_involved": """
    3: #age anos; #age aninhos; #age anos de idade; de #age anos; tem #age anos;
    3: menor; menores; menor de idade; menores de idade; menos de 18; nao tem 18;
    2: menino; meninos;
    3: crianca*; menininh*; guri; guris; moleque*; pivete*;
    3: miudo; miudos; miuda; miudas; catraio*; candengue*; mida; midas; petiz*;
    1: puto; putos;
    3: adolescent*; escolar*; aluno* ~2 escola|ensino|colegio|liceu;
    3: aluna* ~2 escola|ensino|colegio;
    3: ensino medio|fundamental|basico|secundario; escola primaria|secundaria;
    1: colegio; liceu;
    3: #grade ano ~2 do ~2 ensino|fundamental|medio; #grade serie; #grade classe; #grade o|a ano;
    3: menin*|garot*|sobrinh*|filh*|miud*|moleque* ~3 #age; protecao infantil;
    1: menina; meninas; garota*; garoto*; jovenzinh*; mocinha*; escola; alunos; alunas;
    0: como uma|um ~1 crianca|menina|menino|miudo; como criancas;
    3: #age e #age anos; tem #age e #age
    """,
    "immediate_danger": """
    3: quer morrer; quero morrer; se matar;
    3: arma|armas|armado|armada|armados|armadas; pistola*; revolver*; faca; facas; facao; catana;
        catanas; machado; espingarda*;
    3: matar ~2 me|la|lo|los|nos|te|voce|todos; me matar; matar me; matar a mim; te matar;
    3: suicid*; tirar a minha vida; tirar a propria vida; nao quero mais viver; quero morrer;
    3: acabar com tudo; me machucar; me cortar; automutil*; me enforcar; enforcar ~2 se; overdose;
    3: em perigo; perigo ~3 agora|noite|iminente; medo ~2 pela|por ~2 minha|sua ~2 vida|seguranca;
    3: dentro de ~1 hora|horas; em ~1 hora|horas|uma;
    2: agora mesmo; neste momento; nesse momento; esta noite; hoje a noite; hoje de noite;
    2: essa noite;
    3:  tranco*; estou|estamos|esta|estao|ficamos ~1 escondid*; me escondi; esta me esperando;
        esper* ~3 fora|porta|portao;
    3: sabe onde ~2 moro|mora|durmo; vem ~3 buscar|noite; queimar ~3 casa|escritorio;
    3: estrangul*; esfaque*; atirar ~2 em; balear; envenen*; acido;
    3: motorista|condutor ~8 bebad*|bebed*|embriag*|chapad*|bebendo;
    3: dirig*|conduz*|volante|levar ~5 bebad*|bebed*|embriag*|chapad* ~6 noite|criancas|jovens|
        participantes|onibus|carrinha|van|carro|agora;
    2: urgente*; emergencia; socorro; me ajudem; ajudem; ajuda urgente; imediat*;
    2: ameac* ~4 morte|matar|bater|queimar|estuprar|violar; ameacas de morte; nao estou segur*;
    2: me segue; me seguiu; me persegue; rondando; em frente ~3 casa;
    1: amanha cedo; hoje; medo; assustad*; aterrorizad*; ameac*; perigo*;
    3: bebad*|bebed*|embriag*|chapad*|mamad* ~6 dirig*|conduz*|volante|chaves;
    1: mandem alguem;
    3: venham agora;
    2: nao aguent* mais; hoje acaba; acabar comigo; pedras ~3 janela; alguem precisa
    2: trancad*
    3: motorista|condutor ~14 bebad*|bebed*|bebendo|embriag*|chapad*; nao quer mais viver;
    3: nao queria mais viver;
    3: nao responde; nao reage; inconsciente; desmaiad*; nao respira; sangrando; a sangrar;
    3: esta a bater; ta batendo; esta batendo; nao para ~2 de bater;
    3: ao volante ~4 bebad*|embriag*|chapad*|bebed*; bebad*|embriag*|bebeu|chapad* ~8 levar|
        conduzir|dirigir|estrada;
    3: pular|saltar ~3 telhado|ponte|janela|predio; atirar se ~3 telhado|ponte|janela|predio;
        vida nao vale nada;
    3: sabemos onde ~1 moras|mora|vives; acabou de levar ~4 crianca|menino|menina|miudo|miuda|filho|
        filha; tentando entrar; a tentar entrar; misturou ~3 comprimidos|remedios|calmantes;
    1: agora;
    2: da proxima vez; furaram ~2 pneus
    """,
    "retaliation": """
    3: retaliac*; represalia*; vinganca ~3 denuncia*|queixa*;
    3: se ~2 voce|tu|eu|ela|ele|alguem ~2 falar|contar|denunciar|abrir|disser|reclamar|queixar;
    3: se ~4 policia|direcao|conselho|comite|doador; se ~3 falar de novo;
    3: quem ~2 reclamar|denunciar|falar|reclama|denuncia ~4 sai|rua|fora|demitid*|vai;
    3: quem ~2 abrir a boca ~4 sai|rua|fora|demitid*|vai;
    2: calar a boca; ficar calad*; ficar quiet*; me calar;
    3: retirar ~3 denuncia|queixa|reclamacao;
    0: quero|queria|gostaria|desejo|queremos ~3 retirar ~3 denuncia|queixa|reclamacao;
    2: desde|depois|porque|ter|apos ~4 denunciei|denuncia*|reclamei|queixei|falei|perguntei|
        questionei|avisei;
    3: castig*|punid* ~3 por ~4 denunci*|falar|perguntar|reclamar|queixa;
    3: demitid*|mandaram|excluid*|ameacad*|suspens*|rebaixad*|afastad* ~4 ter|desde|depois|
        denunciar|reclamar|perguntar;
    2: traidor*; traira; dedo duro; x9; bufo; queixinhas; encrenqueir*;
    """,
    "report_act": """
    1: avisei; avisei o|a;
    1: depoimento; testemunh*; recusei ~2 assinar; perguntei; pedi ~3 comprovantes|recibos|contas;
    1: falei com; denunci*;
    1: contei ao|a|para ~2 coordenador*|diretor*|direcao|comite|presidente;
    1: denunciei; denuncia*; reclamei; queixei; queixa*; reclamac*;
    1: falei com ~3 direcao|comite|conselho|ponto|policia|doador;
    1: perguntei ~3 dinheiro|recibo*|contas|fundos; pedi ~3 recibos|contas|prestacao;
    1: por ~2 contar|contando|falar|falando|denunciar|denunciando|dizer|andar;
    1: fiz ~2 denuncia; testemunha*; eu disse que; eu falei que; contei que;
    1: pedi|perguntei|solicitei ~5 extratos|contas|faturas|orcamento|gastos|balanco|banco;
    0: quero|queria|gostaria|desejo|venho|queremos|vimos ~3 denunciar|relatar|reportar|informar;
    0: escrevo para ~2 denunciar|relatar|informar; disse que nao; eu disse que nao;
    1: dei ~3 depoimento|testemunho; prestei depoimento; fiz ~2 queixa|pergunta|reclamacao|denuncia;
    1: mostrei|mostrado|mostrar|enviei|mandei|entreguei|levei ~4 chefe|diretor*|direcao|doador*|
        financiador*|comissao|comite|auditor*|policia|presidente|tesoureir*|coordenador*|delegacao;
    1: falei|disse|perguntei|reclamei|questionei ~4 reuniao|assembleia|direcao|comissao|conselho|
        doador|diretor*|chefe|grupo;
    1: denunciado|denunciada|denunciei|denunciar; tinha denunciado; ter denunciado;
    1: avisei ~3 diretor*|direcao|chefe|coordenador*|presidente|doador; assinei ~3 carta|abaixo;
    1: recusei|neguei ~2 assinar|mentir|pagar|falsificar;
    1: perguntei ~3 porque|onde|como|quanto|que;
    """,
    "punishment": """
    1: tirou ~3 assinatura|acesso; ameacam ~2 demitir; me tiraram de tudo;
    1: renovad*; mentiros*; traidor*; traidora; incompetente*; atrasou; geladeira; tiraram;
    1: ligam ~3 noite; cuidar ~3 filhos|familia; esper* ~3 fora|porta;
    1: demitid*; mandaram embora; excluid*; suspens*; ameac*; rebaixad*; afastad*; castig*; punid*;
    1: ignor*; isolad*; nao me convidam; tiraram ~3 projeto|horas|salario|cargo; cortaram;
    1: acus*; insult*; grit*; vida impossivel; perseguid*;
    1: mudaram ~2 turno*|horario*|cargo; bloquearam; instavel; louca; louco;
    1: me tirou; me tiraram; tirou ~3 atividades|projeto|equipe; bloque*; advertencia;
    1: transferiram|transferido|transferida|mandaram|passou ~2 para;
    1: turnos ~2 noite; deixei de ~3 ser|receber; cortaram ~3 salario|horas|bolsa|subsidio;
    1: removido|removida|removeram ~3 comissao|projeto|equipe|grupo|lista; fui ~1 removid*;
    1: nao me ~2 fala|cumprimenta|chama|convida; deixou de ~2 falar;
    1: vais ~2 arrepender; vai ~2 arrepender; arrepender te; sabemos onde; cuidado;
    1: bufo; bufa; traira; x9; dedo duro; chamadas ~2 anonimas; mensagens ~2 anonimas;
    1: nao renovaram; nao ~1 renovado|renovada; contrato ~3 terminou|acabou|cancelad*;
    """,
}
